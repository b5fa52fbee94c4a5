// SPDX-License-Identifier: GPL-3.0-or-later
#include "tickets/ticketstore.h"

#include "storage/schema.h"

#include <QLoggingCategory>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcTickets, "clinico.server.tickets")

namespace clinico::server {

using namespace clinico::protocol;

namespace {

constexpr int kDefaultServiceMinutes = 5;

const QString kTicketSelect = QStringLiteral(
    "SELECT t.id, t.day, t.code, t.service_id, t.priority, t.patient_id, t.device_id, t.request_hash, "
    "t.status,"
    " t.issued_ms, t.arrived_ms, t.counter_id, t.offline, t.token, s.name, c.name"
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
    return r;
}

} // namespace

QString TicketStore::currentDay()
{
    if (m_currentDay.isEmpty())
        m_currentDay = m_catalog.setting(SettingKey::CurrentDay);
    return m_currentDay;
}

Result<int> TicketStore::rolloverTo(const QString &day)
{
    const QString previous = currentDay();
    if (previous == day)
        return 0;
    auto expired = m_work.run<int>([&]() -> Result<int> {
        QSqlQuery &q
            = m_db.connection().cached(QStringLiteral("UPDATE tickets SET status = 'expired' WHERE status IN "
                                                      "('waiting', 'called', 'in_service') AND day < ?"));
        if (!SqlConnection::exec(q, { day }))
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
        m_currentDay = day; // subscribers of the DayReset event already see the new day
        return count;
    });
    if (!expired) {
        m_currentDay.clear(); // read again from the database
        return expired;
    }
    qCInfo(lcTickets) << "business day is now" << day << "- expired" << *expired << "open tickets";
    return expired;
}

std::optional<TicketRow> TicketStore::row(qint64 id)
{
    QSqlQuery &q = m_db.connection().cached(kTicketSelect + QStringLiteral("WHERE t.id = ?"));
    if (SqlConnection::exec(q, { id }) && q.next())
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

std::optional<Ticket> TicketStore::ticketByToken(const QString &token)
{
    QSqlQuery &q = m_db.connection().cached(kTicketSelect + QStringLiteral("WHERE t.token = ?"));
    if (SqlConnection::exec(q, { token }) && q.next())
        return readRow(q).toTicket();
    return std::nullopt;
}

QList<Ticket> TicketStore::list(const QString &statusFilter)
{
    QList<Ticket> out;
    QSqlQuery &q = m_db.connection().cached(kTicketSelect
        + QStringLiteral(
            "WHERE t.day = ? AND (? = '' AND t.status IN ('waiting', 'called', 'in_service') OR t.status = ?)"
            " ORDER BY t.arrived_ms, t.id"));
    SqlConnection::exec(q, { currentDay(), statusFilter, statusFilter });
    while (q.next())
        out << readRow(q).toTicket();
    return out;
}

QPair<int, int> TicketStore::positionAndWait(const Ticket &t)
{
    // Ahead: a higher class, or the same class and an earlier arrival (ties by id), as the
    // policy orders them. The interleave rule can only move a normal ticket earlier.
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("SELECT COUNT(*) FROM tickets WHERE status = 'waiting' AND service_id = ? AND day = ? "
                       "AND id <> ? AND ("
                       " (CASE priority WHEN 'priority80' THEN 2 WHEN 'priority' THEN 1 ELSE 0 END) > ?"
                       " OR (priority = ? AND (arrived_ms < ? OR (arrived_ms = ? AND id < ?))))"));
    SqlConnection::exec(q,
        { t.serviceId, currentDay(), t.id, rank(t.priority), clinico::toWire(t.priority), t.arrivedAtMs,
            t.arrivedAtMs, t.id });
    const int ahead = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    // Minutes between calls for this service today, over the last 20 calls.
    QSqlQuery &calls
        = m_db.connection().cached(QStringLiteral("SELECT MIN(at_ms), MAX(at_ms), COUNT(*) FROM (SELECT "
                                                  "at_ms FROM calls WHERE day = ? AND service_id = ?"
                                                  " AND kind <> 'recall' ORDER BY id DESC LIMIT 20) recent"));
    int perPatient = kDefaultServiceMinutes;
    if (SqlConnection::exec(calls, { currentDay(), t.serviceId }) && calls.next()
        && calls.value(2).toInt() >= 3) {
        const double spanMin = double(calls.value(1).toLongLong() - calls.value(0).toLongLong()) / 60000.0;
        perPatient = std::clamp(int(spanMin / (calls.value(2).toInt() - 1) + 0.5), 1, 60);
    }
    return { ahead, ahead * perPatient };
}

qint64 TicketStore::ticketsIssuedTotal()
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral("SELECT COUNT(*) FROM tickets"));
    return SqlConnection::exec(q, {}) && q.next() ? q.value(0).toLongLong() : 0;
}

QMap<QString, int> TicketStore::waitingPerService()
{
    QMap<QString, int> out;
    for (const Service &s : m_catalog.services())
        out[s.prefix] = 0;
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("SELECT s.prefix, COUNT(*) FROM tickets t JOIN services s ON s.id = t.service_id"
                       " WHERE t.status = 'waiting' AND t.day = ? GROUP BY s.prefix"));
    SqlConnection::exec(q, { currentDay() });
    while (q.next())
        out[q.value(0).toString()] = q.value(1).toInt();
    return out;
}

QList<TicketTimes> TicketStore::ticketTimes(const QString &day)
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT t.service_id, s.name, t.priority, t.status, t.arrived_ms, t.started_ms, t.finished_ms,"
        " (SELECT MIN(k.at_ms) FROM calls k WHERE k.ticket_id = t.id AND k.kind <> 'recall')"
        " FROM tickets t JOIN services s ON s.id = t.service_id WHERE t.day = ?"));
    SqlConnection::exec(q, { day });
    auto optional = [&q](int column) {
        return q.value(column).isNull() ? std::nullopt : std::optional<qint64>(q.value(column).toLongLong());
    };
    QList<TicketTimes> out;
    while (q.next())
        out << TicketTimes { q.value(0).toLongLong(), q.value(1).toString(),
            priorityClassFromWire(q.value(2).toString()).value_or(PriorityClass::Normal),
            q.value(3).toString(), q.value(4).toLongLong(), optional(5), optional(6), optional(7) };
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
