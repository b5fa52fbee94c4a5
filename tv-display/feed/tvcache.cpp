// SPDX-License-Identifier: GPL-3.0-or-later
#include "feed/tvcache.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcCache, "clinico.tv.cache")

namespace clinico::tv {

using namespace clinico::protocol;

namespace {
const QString kLastSeq = QStringLiteral("lastSeq");
const QString kSettings = QStringLiteral("displaySettings");

const SqliteDatabase::Migrations &migrations()
{
    static const SqliteDatabase::Migrations m {
        { QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            // One row per call-out (a recall is its own row), as the server sent it to a TV.
            QStringLiteral(
                "CREATE TABLE calls (id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id INTEGER NOT NULL,"
                " called_ms INTEGER NOT NULL, json TEXT NOT NULL, UNIQUE (ticket_id, called_ms))") },
        // The clinic's logo, so a TV that boots with no network still shows it.
        { QStringLiteral(
            "CREATE TABLE assets (name TEXT PRIMARY KEY, url TEXT NOT NULL, data BLOB NOT NULL)") },
    };
    return m;
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

Status TvCache::open(const QString &path)
{
    if (Status s = m_db.open(path, migrations()); !s)
        return s;
    // A TV loses at most the last call-out on a power cut (it is then replayed by the server
    // from the last sequence), and does not wait for the disk on every event.
    QSqlQuery q(m_db.db());
    if (!q.exec(QStringLiteral("PRAGMA synchronous=NORMAL")))
        return SqliteDatabase::errorFrom(q, QStringLiteral("synchronous"));
    return Ok {};
}

Result<CallStore::State> TvCache::load()
{
    State state;
    QSqlQuery q(m_db.db());
    if (!q.exec(QStringLiteral("SELECT key, value FROM meta")))
        return SqliteDatabase::errorFrom(q, QStringLiteral("meta"));
    while (q.next()) {
        const QString key = q.value(0).toString();
        if (key == kLastSeq) {
            state.lastSeq = q.value(1).toLongLong();
        } else if (key == kSettings) {
            if (auto s = DisplaySettings::fromJson(QJsonDocument::fromJson(q.value(1).toByteArray()).object(),
                    DisplaySettings::From::Server))
                state.settings = *s;
        }
    }
    if (!q.exec(QStringLiteral("SELECT url, data FROM assets WHERE name = 'logo'")))
        return SqliteDatabase::errorFrom(q, QStringLiteral("assets"));
    if (q.next()) {
        state.logoUrl = q.value(0).toString();
        state.logo = q.value(1).toByteArray();
    }
    if (!q.exec(QStringLiteral("SELECT json FROM calls ORDER BY id DESC")))
        return SqliteDatabase::errorFrom(q, QStringLiteral("calls"));
    while (q.next()) {
        auto c = CallAnnouncement::fromJson(QJsonDocument::fromJson(q.value(0).toByteArray()).object());
        if (c)
            state.calls << *c;
        else
            qCWarning(lcCache) << "skipping an unreadable cached call:" << c.error().message;
    }
    return state;
}

Status TvCache::setMeta(const QString &key, const QString &value)
{
    QSqlQuery &q = m_db.cached(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"
                                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return SqliteDatabase::errorFrom(q, key);
    return Ok {};
}

Status TvCache::recordSeq(qint64 seq)
{
    return setMeta(kLastSeq, QString::number(seq));
}

Status TvCache::recordCall(const CallAnnouncement &call, qint64 seq, int keep)
{
    Transaction tx(m_db);
    QSqlQuery &insert = m_db.cached(
        QStringLiteral("INSERT OR IGNORE INTO calls (ticket_id, called_ms, json) VALUES (?, ?, ?)"));
    insert.addBindValue(call.ticketId);
    insert.addBindValue(call.calledAtMs);
    insert.addBindValue(compact(call.toJson()));
    if (!insert.exec())
        return SqliteDatabase::errorFrom(insert, QStringLiteral("call"));
    QSqlQuery &trim = m_db.cached(QStringLiteral(
        "DELETE FROM calls WHERE id <= (SELECT id FROM calls ORDER BY id DESC LIMIT 1 OFFSET ?)"));
    trim.addBindValue(keep);
    if (!trim.exec())
        return SqliteDatabase::errorFrom(trim, QStringLiteral("trim"));
    if (Status s = recordSeq(seq); !s)
        return s;
    if (!tx.commit())
        return makeError(
            QStringLiteral("storage_error"), QStringLiteral("Erro ao gravar o cache da TV"), 500);
    return Ok {};
}

Status TvCache::replaceCalls(const QList<CallAnnouncement> &calls, qint64 seq)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db.db());
    if (!q.exec(QStringLiteral("DELETE FROM calls")))
        return SqliteDatabase::errorFrom(q, QStringLiteral("replace"));
    QSqlQuery &insert = m_db.cached(
        QStringLiteral("INSERT OR IGNORE INTO calls (ticket_id, called_ms, json) VALUES (?, ?, ?)"));
    for (auto it = calls.crbegin(); it != calls.crend(); ++it) { // oldest first: ids grow with time
        insert.addBindValue(it->ticketId);
        insert.addBindValue(it->calledAtMs);
        insert.addBindValue(compact(it->toJson()));
        if (!insert.exec())
            return SqliteDatabase::errorFrom(insert, QStringLiteral("call"));
    }
    if (Status s = recordSeq(seq); !s)
        return s;
    if (!tx.commit())
        return makeError(
            QStringLiteral("storage_error"), QStringLiteral("Erro ao gravar o cache da TV"), 500);
    return Ok {};
}

Status TvCache::saveLogo(const QString &url, const QByteArray &image)
{
    QSqlQuery &q = m_db.cached(
        QStringLiteral("INSERT INTO assets (name, url, data) VALUES ('logo', ?, ?)"
                       " ON CONFLICT (name) DO UPDATE SET url = excluded.url, data = excluded.data"));
    q.addBindValue(url);
    q.addBindValue(image);
    if (!q.exec())
        return SqliteDatabase::errorFrom(q, QStringLiteral("logo"));
    return Ok {};
}

Status TvCache::saveSettings(const DisplaySettings &settings)
{
    return setMeta(kSettings, compact(settings.toJson()));
}

} // namespace clinico::tv
