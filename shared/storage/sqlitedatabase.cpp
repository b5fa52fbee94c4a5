// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/sqlitedatabase.h"

#include <QDir>
#include <QFileInfo>

namespace clinico {

namespace {
// A WAL that grew past this (a long transaction, a reader that held a snapshot) is cut back
// to it when the next checkpoint empties it.
constexpr qint64 kWalSizeLimitBytes = 4 * 1024 * 1024;
} // namespace

Status SqliteDatabase::open(const QString &path, const Migrations &migrations)
{
    if (Status s = openFile(path); !s)
        return s;
    return migrate(migrations, schemaVersion(),
        [this](int version) { return execute(QStringLiteral("PRAGMA user_version=%1").arg(version)); });
}

Status SqliteDatabase::openFile(const QString &path)
{
    close();
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString name = newConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    m_path = path;
    if (Status s = adopt(db, name, path); !s)
        return s;
    for (const QString &pragma : { QStringLiteral("PRAGMA journal_mode=WAL"),
             QStringLiteral("PRAGMA synchronous=FULL"), QStringLiteral("PRAGMA foreign_keys=ON"),
             QStringLiteral("PRAGMA journal_size_limit=%1").arg(kWalSizeLimitBytes) }) {
        if (Status s = execute(pragma); !s)
            return s;
    }
    return Ok {};
}

int SqliteDatabase::schemaVersion()
{
    QSqlQuery q(db());
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return 0;
}

Status SqliteDatabase::checkpoint()
{
    releaseStatements();
    // A reader in another process (a backup) would stall this thread for the whole busy
    // timeout: try briefly, the next idle moment will try again.
    (void)execute(QStringLiteral("PRAGMA busy_timeout=%1").arg(kCheckpointWaitMs));
    QSqlQuery q(db());
    const bool ran = q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && q.next();
    const bool blocked = ran && q.value(0).toInt() != 0; // another connection kept it from finishing
    Status result = ran ? Status(Ok {}) : Status(errorFrom(q, QStringLiteral("checkpoint")));
    q.finish();
    (void)execute(QStringLiteral("PRAGMA busy_timeout=%1").arg(kBusyTimeoutMs));
    if (blocked)
        return makeError(
            kBusyCode, QStringLiteral("Checkpoint incompleto: outro programa está usando o banco."), 503);
    return result;
}

qint64 SqliteDatabase::walSizeBytes() const
{
    return QFileInfo(m_path + QStringLiteral("-wal")).size();
}

} // namespace clinico
