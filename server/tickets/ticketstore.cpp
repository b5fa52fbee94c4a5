// SPDX-License-Identifier: GPL-3.0-or-later
#include "tickets/ticketstore.h"

#include "storage/schema.h"

#include <QLoggingCategory>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcTickets, "clinico.server.tickets")

namespace clinico::server {

using namespace clinico::protocol;

namespace {

const QString kTicketSelect = QStringLiteral(
    "SELECT t.id, t.day, t.code, t.service_id, t.priority, t.patient_id, t.device_id, t.request_hash, "
    "t.status,"
    " t.issued_ms, t.arrived_ms, t.counter_id, t.offline, t.token, s.name, c.name,"
    " COALESCE(t.stage_since_ms, t.arrived_ms), t.unit_id"
    " FROM tickets t JOIN services s ON s.id = t.service_id LEFT JOIN counters c ON c.id = t.counter_id ");

TicketRow readRow(const QSqlQuery &q)
{
    TicketRow r;
    r.id = q.value(0).toLongLong();
    r.day = q.value(1).toString();
    r.code = q.value(2).toString();
    r.serviceId = q.value(3).toLongLong();
    r.priority = priorityClassFromWire(q.value(4).toString()).value_or(PriorityClass::Normal);
    r.patientId = q.value(5).toLongLong();
    r.deviceId = q.value(6).toLongLong();
    r.requestHash = q.value(7).toByteArray();
    r.status = q.value(8).toString();
    r.issuedMs = q.value(9).toLongLong();
    r.arrivedMs = q.value(10).toLongLong();
    if (!q.value(11).isNull())
        r.counterId = q.value(11).toLongLong();
    r.offline = q.value(12).toBool();
    r.token = q.value(13).toString();
    r.serviceName = q.value(14).toString();
    r.counterName = q.value(15).toString();
    r.stageSinceMs = q.value(16).toLongLong();
    return r;
}

} // namespace

QString TicketStore::currentDay()
{
    QString &day = m_currentDay[m_unit.id()];
    if (day.isEmpty())
        day = m_catalog.setting(SettingKey::CurrentDay);
    return day;
}

Result<int> TicketStore::rolloverTo(const QString &day)
{
    const QString previous = currentDay();
    if (previous == day)
        return 0;
    auto expired = m_work.run<int>([&]() -> Result<int> {
        // Under the writers' lock: another instance may have moved the day since `previous`.
        if (m_catalog.setting(SettingKey::CurrentDay) == day) {
            m_currentDay[m_unit.id()] = day;
            return 0;
        }
        QSqlQuery &q = m_db.connection().cached(
            QStringLiteral("UPDATE tickets SET status = 'expired' WHERE status IN "
                           "('waiting', 'called', 'in_service') AND day < ? AND unit_id = ?"));
        if (!SqlConnection::exec(q, { day, m_unit.id() }))
            return SqlConnection::errorFrom(q, QStringLiteral("rollover"));
        const int count = q.numRowsAffected();
        if (Status s = m_catalog.setSetting(SettingKey::CurrentDay, day); !s)
            return s.error();
        if (!previous.isEmpty()) {
            if (auto seq = m_events.append(EventKind::DayReset,
                    { { QStringLiteral("day"), day }, { QStringLiteral("expired"), count } });
                !seq)
                return seq.error();
        }
        m_currentDay[m_unit.id()] = day; // subscribers of the DayReset event already see the new day
        return count;
    });
    if (!expired) {
        m_currentDay.remove(m_unit.id()); // read again from the database
        return expired;
    }
    qCInfo(lcTickets) << "business day is now" << day << "- expired" << *expired << "open tickets";
    return expired;
}

std::optional<TicketRow> TicketStore::row(qint64 id)
{
    QSqlQuery &q
        = m_db.connection().cached(kTicketSelect + QStringLiteral("WHERE t.id = ? AND t.unit_id = ?"));
    if (SqlConnection::exec(q, { id, m_unit.id() }) && q.next())
        return readRow(q);
    return std::nullopt;
}

Ticket TicketRow::toTicket() const
{
    const TicketRow &r = *this;
    Ticket t;
    t.id = r.id;
    t.code = r.code;
    t.serviceId = r.serviceId;
    t.serviceName = r.serviceName;
    t.priority = r.priority;
    t.status = r.status;
    t.issuedAtMs = r.issuedMs;
    t.arrivedAtMs = r.arrivedMs;
    t.counterId = r.counterId;
    t.counterName = r.counterName;
    t.offline = r.offline;
    return t;
}

std::optional<Ticket> TicketStore::ticket(qint64 id)
{
    if (auto r = row(id))
        return r->toTicket();
    return std::nullopt;
}

std::optional<Ticket> TicketStore::ticketByToken(const QString &token, qint64 *unitId)
{
    QSqlQuery &q = m_db.connection().cached(kTicketSelect + QStringLiteral("WHERE t.token = ?"));
    if (!SqlConnection::exec(q, { token }) || !q.next())
        return std::nullopt;
    const TicketRow row = readRow(q);
    if (unitId)
        *unitId = q.value(17).toLongLong();
    q.finish();
    return row.toTicket();
}

QList<Ticket> TicketStore::list(const QString &statusFilter)
{
    QList<Ticket> out;
    QSqlQuery &q = m_db.connection().cached(kTicketSelect
        + QStringLiteral("WHERE t.day = ? AND t.unit_id = ?"
                         " AND (? = '' AND t.status IN ('waiting', 'called', 'in_service') OR t.status = ?)"
                         " ORDER BY t.arrived_ms, t.id"));
    SqlConnection::exec(q, { currentDay(), m_unit.id(), statusFilter, statusFilter });
    while (q.next())
        out << readRow(q).toTicket();
    return out;
}

Status TicketStore::closeStage(const TicketRow &row, qint64 nowMs)
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "INSERT INTO ticket_stages(ticket_id, day, service_id, priority, counter_id, since_ms, called_ms,"
        " started_ms, finished_ms)"
        " SELECT t.id, t.day, t.service_id, t.priority, t.counter_id, ?,"
        " (SELECT MIN(k.at_ms) FROM calls k WHERE k.ticket_id = t.id AND k.kind <> 'recall' AND k.at_ms >= "
        "?),"
        " t.started_ms, ? FROM tickets t WHERE t.id = ?"));
    if (!SqlConnection::exec(q, { row.stageSinceMs, row.stageSinceMs, nowMs, row.id }))
        return SqlConnection::errorFrom(q, QStringLiteral("closeStage"));
    return Ok {};
}

QList<TicketStage> TicketStore::stages(qint64 ticketId)
{
    QList<TicketStage> out;
    const auto current = row(ticketId); // another unit's ticket has no stages to show
    if (!current)
        return out;
    auto optional
        = [](const QVariant &v) { return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong()); };
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT g.service_id, s.name, COALESCE(c.name, ''), g.since_ms, g.called_ms, g.finished_ms"
        " FROM ticket_stages g JOIN services s ON s.id = g.service_id"
        " LEFT JOIN counters c ON c.id = g.counter_id WHERE g.ticket_id = ? ORDER BY g.id"));
    SqlConnection::exec(q, { ticketId });
    while (q.next())
        out << TicketStage { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toLongLong(), optional(q.value(4)), optional(q.value(5)) };
    q.finish();
    QSqlQuery &called = m_db.connection().cached(QStringLiteral(
        "SELECT MIN(at_ms) FROM calls WHERE ticket_id = ? AND kind <> 'recall' AND at_ms >= ?"));
    SqlConnection::exec(called, { ticketId, current->stageSinceMs });
    const std::optional<qint64> calledAt = called.next() ? optional(called.value(0)) : std::nullopt;
    called.finish();
    QSqlQuery &finished
        = m_db.connection().cached(QStringLiteral("SELECT finished_ms FROM tickets WHERE id = ?"));
    SqlConnection::exec(finished, { ticketId });
    const std::optional<qint64> finishedAt = finished.next() ? optional(finished.value(0)) : std::nullopt;
    finished.finish();
    out << TicketStage { current->serviceId, current->serviceName, current->counterName,
        current->stageSinceMs, calledAt, finishedAt };
    return out;
}

QList<WaitingTicket> TicketStore::waiting(WaitingQueue queue)
{
    // One statement per kind of queue; the rest of the query is the same for both.
    const QString select = QStringLiteral(
        "SELECT t.id, t.code, t.priority, t.arrived_ms, a.start_ms FROM tickets t"
        " LEFT JOIN appointments a ON a.ticket_id = t.id AND a.status = 'booked'"
        " WHERE t.status = 'waiting' AND t.day = ? AND ");
    QSqlQuery &q = m_db.connection().cached(select
        + (queue.of == WaitingQueue::Of::Service
                ? QStringLiteral("t.service_id = ?")
                : QStringLiteral("t.service_id IN (SELECT service_id FROM counter_services WHERE counter_id = ?)")));
    SqlConnection::exec(q, { currentDay(), queue.id });
    QList<WaitingTicket> out;
    while (q.next())
        out << WaitingTicket { q.value(0).toLongLong(), q.value(1).toString(),
            priorityClassFromWire(q.value(2).toString()).value_or(PriorityClass::Normal),
            q.value(3).toLongLong(),
            q.value(4).isNull() ? std::nullopt : std::optional<qint64>(q.value(4).toLongLong()) };
    return out;
}

QList<ServiceSample> TicketStore::recentServiceTimes(qint64 serviceId, int limit)
{
    // The counter is taken from the call to the finish (or the no-show), whether or not the desk
    // pressed "start"; the stages already forwarded count like the ones that ended here.
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT priority, finished_ms - called_ms FROM ("
        " SELECT priority, called_ms, finished_ms FROM tickets WHERE day = ? AND service_id = ?"
        "  AND status IN ('done', 'no_show') AND called_ms IS NOT NULL AND finished_ms IS NOT NULL"
        " UNION ALL SELECT priority, called_ms, finished_ms FROM ticket_stages WHERE day = ? AND service_id "
        "= ?"
        "  AND called_ms IS NOT NULL) finished"
        " ORDER BY finished_ms DESC LIMIT ?"));
    SqlConnection::exec(q, { currentDay(), serviceId, currentDay(), serviceId, limit });
    QList<ServiceSample> out;
    while (q.next())
        out << ServiceSample { priorityClassFromWire(q.value(0).toString()).value_or(PriorityClass::Normal),
            std::max<qint64>(0, q.value(1).toLongLong()) };
    return out;
}

QList<BeingServed> TicketStore::beingServed(qint64 serviceId)
{
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("SELECT priority, called_ms FROM tickets WHERE day = ? AND service_id = ?"
                       " AND status IN ('called', 'in_service') AND called_ms IS NOT NULL"));
    SqlConnection::exec(q, { currentDay(), serviceId });
    QList<BeingServed> out;
    while (q.next())
        out << BeingServed { priorityClassFromWire(q.value(0).toString()).value_or(PriorityClass::Normal),
            q.value(1).toLongLong() };
    return out;
}

int TicketStore::countersCallingSince(qint64 serviceId, qint64 sinceMs)
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT COUNT(DISTINCT counter_id) FROM calls WHERE day = ? AND service_id = ? AND at_ms >= ?"));
    SqlConnection::exec(q, { currentDay(), serviceId, sinceMs });
    return q.next() ? q.value(0).toInt() : 0;
}

TicketStore::ClassCounts TicketStore::waitingByClass(qint64 serviceId)
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT priority, COUNT(*) FROM tickets WHERE status = 'waiting' AND service_id = ? AND day = ?"
        " GROUP BY priority"));
    SqlConnection::exec(q, { serviceId, currentDay() });
    ClassCounts out {};
    while (q.next()) {
        if (const auto c = priorityClassFromWire(q.value(0).toString()))
            out[std::size_t(rank(*c))] = q.value(1).toInt();
    }
    return out;
}

int TicketStore::waitingBehindInClass(const protocol::Ticket &ticket)
{
    // A range of tickets_open (status, service_id, day, priority, arrived_ms, id): a ticket just
    // issued has next to nobody behind it, so this reads next to nothing however long the queue.
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT COUNT(*) FROM tickets WHERE status = 'waiting' AND service_id = ? AND day = ?"
        " AND priority = ? AND (arrived_ms, id) > (?, ?)"));
    SqlConnection::exec(
        q, { ticket.serviceId, currentDay(), clinico::toWire(ticket.priority), ticket.arrivedAtMs, ticket.id });
    const int n = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return n;
}

QList<WaitAlert> TicketStore::overWaitLimit(qint64 nowMs)
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT t.id, t.code, t.service_id, s.name, t.priority, COALESCE(t.stage_since_ms, t.arrived_ms),"
        " l.minutes FROM tickets t JOIN services s ON s.id = t.service_id"
        " JOIN wait_limits l ON l.service_id = t.service_id AND l.priority = t.priority"
        " WHERE t.status = 'waiting' AND t.day = ? AND t.unit_id = ?"
        " AND ? - COALESCE(t.stage_since_ms, t.arrived_ms) > l.minutes * 60000"
        " ORDER BY COALESCE(t.stage_since_ms, t.arrived_ms), t.id"));
    SqlConnection::exec(q, { currentDay(), m_unit.id(), nowMs });
    QList<WaitAlert> out;
    while (q.next())
        out << WaitAlert { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong(),
            q.value(3).toString(),
            priorityClassFromWire(q.value(4).toString()).value_or(PriorityClass::Normal),
            nowMs - q.value(5).toLongLong(), q.value(6).toInt() };
    return out;
}

qint64 TicketStore::ticketsIssuedTotal()
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE unit_id = ?"));
    return SqlConnection::exec(q, { m_unit.id() }) && q.next() ? q.value(0).toLongLong() : 0;
}

QMap<QString, int> TicketStore::waitingPerService()
{
    QMap<QString, int> out;
    for (const Service &s : m_catalog.services())
        out[s.prefix] = 0;
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("SELECT s.prefix, COUNT(*) FROM tickets t JOIN services s ON s.id = t.service_id"
                       " WHERE t.status = 'waiting' AND t.day = ? AND t.unit_id = ? GROUP BY s.prefix"));
    SqlConnection::exec(q, { currentDay(), m_unit.id() });
    while (q.next())
        out[q.value(0).toString()] = q.value(1).toInt();
    return out;
}

QList<TicketTimes> TicketStore::ticketTimes(const QString &day)
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT t.id, t.service_id, s.name, t.priority, t.status, t.arrived_ms,"
        " COALESCE(t.stage_since_ms, t.arrived_ms), t.started_ms, t.finished_ms,"
        " (SELECT MIN(k.at_ms) FROM calls k WHERE k.ticket_id = t.id AND k.kind <> 'recall'"
        "  AND k.at_ms >= COALESCE(t.stage_since_ms, t.arrived_ms)),"
        " l.minutes, t.stage_since_ms IS NULL"
        " FROM tickets t JOIN services s ON s.id = t.service_id"
        " LEFT JOIN wait_limits l ON l.service_id = t.service_id AND l.priority = t.priority"
        " WHERE t.day = ? AND t.unit_id = ?"
        " UNION ALL"
        " SELECT g.ticket_id, g.service_id, s.name, g.priority, ?, t.arrived_ms, g.since_ms, g.started_ms,"
        " g.finished_ms, g.called_ms, l.minutes, g.since_ms = t.arrived_ms"
        " FROM ticket_stages g JOIN tickets t ON t.id = g.ticket_id JOIN services s ON s.id = g.service_id"
        " LEFT JOIN wait_limits l ON l.service_id = g.service_id AND l.priority = g.priority"
        " WHERE g.day = ? AND t.unit_id = ?"));
    SqlConnection::exec(q, { day, m_unit.id(), TicketTimes::StageForwarded, day, m_unit.id() });
    auto optional = [&q](int column) {
        return q.value(column).isNull() ? std::nullopt : std::optional<qint64>(q.value(column).toLongLong());
    };
    QList<TicketTimes> out;
    while (q.next()) {
        TicketTimes t;
        t.ticketId = q.value(0).toLongLong();
        t.serviceId = q.value(1).toLongLong();
        t.serviceName = q.value(2).toString();
        t.priority = priorityClassFromWire(q.value(3).toString()).value_or(PriorityClass::Normal);
        t.status = q.value(4).toString();
        t.arrivedMs = q.value(5).toLongLong();
        t.sinceMs = q.value(6).toLongLong();
        t.startedMs = optional(7);
        t.finishedMs = optional(8);
        t.firstCalledMs = optional(9);
        if (!q.value(10).isNull())
            t.limitMinutes = q.value(10).toInt();
        t.firstStage = q.value(11).toBool();
        out << t;
    }
    return out;
}

Result<int> TicketStore::unlinkPatientsBefore(const QString &day)
{
    QSqlQuery &unlink = m_db.connection().cached(
        QStringLiteral("UPDATE tickets SET patient_id = NULL WHERE day < ? AND patient_id IS NOT NULL"));
    if (!SqlConnection::exec(unlink, { day }))
        return SqlConnection::errorFrom(unlink, QStringLiteral("retention"));
    return unlink.numRowsAffected();
}

} // namespace clinico::server
