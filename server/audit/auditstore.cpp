// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditstore.h"

#include <QLoggingCategory>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcAudit, "clinico.server.audit")

namespace clinico::server {

Status AuditStore::append(const Actor &actor, const QString &action, qint64 ticketId, const QString &detail)
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "INSERT INTO audit(at_ms, actor, action, ticket_id, detail, unit_id) VALUES(?, ?, ?, ?, ?, ?)"));
    if (!SqlConnection::exec(q,
            { m_clock.nowMs(), actor.name, action, ticketId ? QVariant(ticketId) : QVariant(), detail,
                m_unit.id() }))
        return SqlConnection::errorFrom(q, QStringLiteral("audit"));
    return Ok {};
}

void AuditStore::record(const Actor &actor, const QString &action, qint64 ticketId, const QString &detail)
{
    if (Status s = m_work.run<Ok>([&] { return append(actor, action, ticketId, detail); }); !s)
        qCWarning(lcAudit) << "audit entry lost:" << action << actor.name << s.error().message;
}

QList<protocol::AuditEntry> AuditStore::read(int limit, qint64 beforeId, const QString &action)
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT a.id, a.at_ms, a.actor, a.action, a.ticket_id, COALESCE(t.code, ''), COALESCE(a.detail, '')"
        " FROM audit a LEFT JOIN tickets t ON t.id = a.ticket_id"
        " WHERE a.unit_id = ? AND (? = 0 OR a.id < ?) AND (? = '' OR a.action = ?) ORDER BY a.id DESC LIMIT "
        "?"));
    QList<protocol::AuditEntry> out;
    if (!SqlConnection::exec(
            q, { m_unit.id(), beforeId, beforeId, action, action, std::clamp(limit, 1, 1000) }))
        return out;
    while (q.next()) {
        protocol::AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.atMs = q.value(1).toLongLong();
        e.actor = q.value(2).toString();
        e.action = q.value(3).toString();
        if (!q.value(4).isNull())
            e.ticketId = q.value(4).toLongLong();
        e.ticketCode = q.value(5).toString();
        e.detail = q.value(6).toString();
        out << e;
    }
    q.finish();
    return out;
}

} // namespace clinico::server
