// SPDX-License-Identifier: GPL-3.0-or-later
#include "outbox/outbox.h"

#include "core/randomtoken.h"

#include "ticket/ticketcode.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace clinico::totem {

namespace {

const SqliteDatabase::Migrations kMigrations = {
    {
        QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        // cpf_key: a salted hash, kept for the reprint window after the clear CPF is erased.
        QStringLiteral("CREATE TABLE outbox(id INTEGER PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE,"
                       " cpf TEXT NOT NULL, cpf_key TEXT NOT NULL, service_id INTEGER NOT NULL,"
                       " priority TEXT NOT NULL, created_ms INTEGER NOT NULL, state TEXT NOT NULL,"
                       " code TEXT NOT NULL DEFAULT '', lease_id INTEGER, number INTEGER, offline_code TEXT,"
                       " status_token TEXT NOT NULL DEFAULT '', attempts INTEGER NOT NULL DEFAULT 0,"
                       " last_error TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX outbox_state ON outbox(state, id)"),
        QStringLiteral("CREATE INDEX outbox_reprint ON outbox(cpf_key, service_id, created_ms)"),
        QStringLiteral(
            "CREATE TABLE leases(id INTEGER PRIMARY KEY, day TEXT NOT NULL, service_id INTEGER NOT NULL,"
            " priority TEXT NOT NULL, first_number INTEGER NOT NULL, last_number INTEGER NOT NULL,"
            " next_number INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE tagged_numbers(day TEXT NOT NULL, service_id INTEGER NOT NULL,"
                       " priority TEXT NOT NULL, last_number INTEGER NOT NULL,"
                       " PRIMARY KEY(day, service_id, priority))"),
        QStringLiteral("CREATE TABLE cache(key TEXT PRIMARY KEY, json TEXT NOT NULL)"),
    },
};

QString stateName(OutboxState s)
{
    switch (s) {
    case OutboxState::Pending:
        return QStringLiteral("pending");
    case OutboxState::Offline:
        return QStringLiteral("offline");
    case OutboxState::Done:
        return QStringLiteral("done");
    case OutboxState::Rejected:
        return QStringLiteral("rejected");
    }
    return {};
}

OutboxState stateFrom(const QString &s)
{
    if (s == u"offline")
        return OutboxState::Offline;
    if (s == u"done")
        return OutboxState::Done;
    if (s == u"rejected")
        return OutboxState::Rejected;
    return OutboxState::Pending;
}

const QString kColumns = QStringLiteral(
    "id, idempotency_key, cpf, service_id, priority, created_ms, state, code, lease_id, number, offline_code,"
    " status_token, attempts, last_error");

} // namespace

protocol::IssueTicketRequest OutboxEntry::request() const
{
    protocol::IssueTicketRequest r;
    r.cpf = cpf;
    r.serviceId = serviceId;
    r.priority = priority;
    r.idempotencyKey = idempotencyKey;
    if (state == OutboxState::Offline) {
        r.issuedAtMs = createdMs;
        r.leaseId = leaseId;
        r.number = number;
        r.offlineCode = offlineCode;
        if (!statusToken.isEmpty())
            r.statusToken = statusToken;
    }
    return r;
}

Status Outbox::open(const QString &path)
{
    if (auto opened = m_db.open(path, kMigrations); !opened)
        return opened;
    // The salt of the CPF hashes kept for the reprint window: made once per totem, read once.
    QSqlQuery &read = m_db.cached(QStringLiteral("SELECT value FROM meta WHERE key = 'salt'"));
    m_salt = read.exec() && read.next() ? read.value(0).toString() : QString();
    read.finish();
    if (!m_salt.isEmpty())
        return Ok {};
    m_salt = randomUrlToken();
    QSqlQuery &put = m_db.cached(QStringLiteral("INSERT INTO meta(key, value) VALUES('salt', ?)"));
    if (!SqliteDatabase::exec(put, { m_salt }))
        return SqliteDatabase::errorFrom(put, QStringLiteral("outbox"));
    return Ok {};
}

QString Outbox::cpfKey(const QString &digits) const
{
    return QString::fromLatin1(
        QCryptographicHash::hash((m_salt + digits).toUtf8(), QCryptographicHash::Sha256).toHex());
}

Result<OutboxEntry> Outbox::add(const QString &cpfDigits, qint64 serviceId, PriorityClass priority,
    qint64 nowMs, const QString &idempotencyKey)
{
    QSqlQuery &q = m_db.cached(QStringLiteral(
        "INSERT INTO outbox(idempotency_key, cpf, cpf_key, service_id, priority, created_ms, state)"
        " VALUES(?, ?, ?, ?, ?, ?, 'pending')"));
    if (!SqliteDatabase::exec(
            q, { idempotencyKey, cpfDigits, cpfKey(cpfDigits), serviceId, toWire(priority), nowMs }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("outbox"));
    return *entry(q.lastInsertId().toLongLong());
}

Status Outbox::markDone(qint64 id, const QString &code, const QString &statusToken)
{
    QSqlQuery &q = m_db.cached(QStringLiteral("UPDATE outbox SET state = 'done', cpf = '', code = ?, "
                                              "status_token = ?, last_error = '' WHERE id = ?"));
    if (!SqliteDatabase::exec(q, { code, statusToken, id }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("outbox"));
    return Ok {};
}

Result<OutboxEntry> Outbox::issueOffline(
    qint64 id, const QString &day, const QString &servicePrefix, const QString &deviceTag)
{
    auto current = entry(id);
    if (!current)
        return makeError(
            QStringLiteral("not_found"), QStringLiteral("Pedido %1 não está na fila local.").arg(id));
    if (current->state != OutboxState::Pending)
        return *current;
    Transaction tx(m_db);
    const QString priority = toWire(current->priority);
    // The QR code on the paper works once the server has filed the ticket with this token.
    const QString token = randomUrlToken();
    QSqlQuery &l = m_db.cached(
        QStringLiteral("SELECT id, next_number FROM leases WHERE day = ? AND service_id = ? AND priority = ?"
                       " AND next_number <= last_number ORDER BY id LIMIT 1"));
    if (!SqliteDatabase::exec(l, { day, current->serviceId, priority }))
        return SqliteDatabase::errorFrom(l, QStringLiteral("leases"));
    QSqlQuery &set
        = m_db.cached(QStringLiteral("UPDATE outbox SET state = 'offline', code = ?, lease_id = ?,"
                                     " number = ?, offline_code = ?, status_token = ? WHERE id = ?"));
    if (l.next()) {
        const qint64 leaseId = l.value(0).toLongLong();
        const int number = l.value(1).toInt();
        l.finish();
        QSqlQuery &take
            = m_db.cached(QStringLiteral("UPDATE leases SET next_number = next_number + 1 WHERE id = ?"));
        if (!SqliteDatabase::exec(take, { leaseId })
            || !SqliteDatabase::exec(set,
                { TicketCode::make(servicePrefix, current->priority, number), leaseId, number, QVariant(),
                    token, id }))
            return SqliteDatabase::errorFrom(set, QStringLiteral("outbox"));
    } else {
        l.finish();
        QSqlQuery &bump = m_db.cached(QStringLiteral(
            "INSERT INTO tagged_numbers(day, service_id, priority, last_number) VALUES(?, ?, ?, 1)"
            " ON CONFLICT(day, service_id, priority) DO UPDATE SET last_number = last_number + 1"
            " RETURNING last_number"));
        if (!SqliteDatabase::exec(bump, { day, current->serviceId, priority }) || !bump.next())
            return SqliteDatabase::errorFrom(bump, QStringLiteral("outbox"));
        const int number = bump.value(0).toInt();
        bump.finish();
        const QString code = TicketCode::makeOffline(servicePrefix, current->priority, deviceTag, number);
        if (!SqliteDatabase::exec(set, { code, QVariant(), QVariant(), code, token, id }))
            return SqliteDatabase::errorFrom(set, QStringLiteral("outbox"));
    }
    if (!tx.commit())
        return makeError(QStringLiteral("storage_error"),
            QStringLiteral("Não foi possível gravar a senha no totem."), 500);
    return *entry(id);
}

Status Outbox::discard(qint64 id)
{
    QSqlQuery &q = m_db.cached(QStringLiteral("DELETE FROM outbox WHERE id = ?"));
    if (!SqliteDatabase::exec(q, { id }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("outbox"));
    return Ok {};
}

Status Outbox::markRejected(qint64 id, const QString &reason)
{
    QSqlQuery &q = m_db.cached(QStringLiteral(
        "UPDATE outbox SET state = ?, cpf = '', attempts = attempts + 1, last_error = ? WHERE id = ?"));
    if (!SqliteDatabase::exec(q, { stateName(OutboxState::Rejected), reason, id }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("outbox"));
    return Ok {};
}

Status Outbox::noteAttempt(qint64 id, const QString &error)
{
    QSqlQuery &q = m_db.cached(
        QStringLiteral("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?"));
    if (!SqliteDatabase::exec(q, { error, id }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("outbox"));
    return Ok {};
}

std::optional<OutboxEntry> Outbox::read(QSqlQuery &q)
{
    if (!q.next())
        return std::nullopt;
    OutboxEntry e;
    e.id = q.value(0).toLongLong();
    e.idempotencyKey = q.value(1).toString();
    e.cpf = q.value(2).toString();
    e.serviceId = q.value(3).toLongLong();
    e.priority = priorityClassFromWire(q.value(4).toString()).value_or(PriorityClass::Normal);
    e.createdMs = q.value(5).toLongLong();
    e.state = stateFrom(q.value(6).toString());
    e.code = q.value(7).toString();
    if (!q.value(8).isNull())
        e.leaseId = q.value(8).toLongLong();
    if (!q.value(9).isNull())
        e.number = q.value(9).toInt();
    if (!q.value(10).isNull())
        e.offlineCode = q.value(10).toString();
    e.statusToken = q.value(11).toString();
    e.attempts = q.value(12).toInt();
    e.lastError = q.value(13).toString();
    return e;
}

std::optional<OutboxEntry> Outbox::entry(qint64 id)
{
    QSqlQuery &q = m_db.cached(QStringLiteral("SELECT %1 FROM outbox WHERE id = ?").arg(kColumns));
    if (!SqliteDatabase::exec(q, { id }))
        return std::nullopt;
    auto e = read(q);
    q.finish();
    return e;
}

QList<OutboxEntry> Outbox::unsent()
{
    QList<OutboxEntry> out;
    QSqlQuery &q = m_db.cached(
        QStringLiteral("SELECT %1 FROM outbox WHERE state IN ('pending', 'offline') ORDER BY id")
            .arg(kColumns));
    if (!q.exec())
        return out;
    while (auto e = read(q))
        out << *e;
    return out;
}

int Outbox::depth()
{
    QSqlQuery &q
        = m_db.cached(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'offline')"));
    const int n = q.exec() && q.next() ? q.value(0).toInt() : -1;
    q.finish();
    return n;
}

std::optional<OutboxEntry> Outbox::recentFor(const QString &cpfDigits, qint64 serviceId, qint64 sinceMs)
{
    QSqlQuery &q = m_db.cached(QStringLiteral("SELECT %1 FROM outbox WHERE cpf_key = ? AND service_id = ?"
                                              " AND created_ms >= ? AND code != '' ORDER BY id DESC LIMIT 1")
                                   .arg(kColumns));
    if (!SqliteDatabase::exec(q, { cpfKey(cpfDigits), serviceId, sinceMs }))
        return std::nullopt;
    auto e = read(q);
    q.finish();
    return e;
}

Status Outbox::purgeDoneBefore(qint64 ms)
{
    QSqlQuery &q = m_db.cached(
        QStringLiteral("DELETE FROM outbox WHERE state IN ('done', 'rejected') AND created_ms < ?"));
    if (!SqliteDatabase::exec(q, { ms }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("outbox"));
    return Ok {};
}

Status Outbox::addLease(const protocol::Lease &lease)
{
    QSqlQuery &q = m_db.cached(QStringLiteral(
        "INSERT OR IGNORE INTO leases(id, day, service_id, priority, first_number, last_number, next_number)"
        " VALUES(?, ?, ?, ?, ?, ?, ?)"));
    if (!SqliteDatabase::exec(q,
            { lease.id, lease.day, lease.serviceId, toWire(lease.priority), lease.first, lease.last,
                lease.first }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("leases"));
    return Ok {};
}

int Outbox::numbersLeft(const QString &day, qint64 serviceId, PriorityClass priority)
{
    QSqlQuery &q = m_db.cached(
        QStringLiteral("SELECT COALESCE(SUM(last_number - next_number + 1), 0) FROM leases"
                       " WHERE day = ? AND service_id = ? AND priority = ? AND next_number <= last_number"));
    const int n
        = SqliteDatabase::exec(q, { day, serviceId, toWire(priority) }) && q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return n;
}

Status Outbox::dropLeasesBefore(const QString &day)
{
    QSqlQuery &q = m_db.cached(QStringLiteral("DELETE FROM leases WHERE day < ?"));
    if (!SqliteDatabase::exec(q, { day }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("leases"));
    return Ok {};
}

Status Outbox::putCache(const QString &key, const QJsonObject &value)
{
    QSqlQuery &q = m_db.cached(QStringLiteral("INSERT OR REPLACE INTO cache(key, json) VALUES(?, ?)"));
    if (!SqliteDatabase::exec(
            q, { key, QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Compact)) }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("cache"));
    return Ok {};
}

QJsonObject Outbox::cache(const QString &key)
{
    QSqlQuery &q = m_db.cached(QStringLiteral("SELECT json FROM cache WHERE key = ?"));
    QJsonObject o;
    if (SqliteDatabase::exec(q, { key }) && q.next())
        o = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    q.finish();
    return o;
}

} // namespace clinico::totem
