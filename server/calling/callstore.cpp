// SPDX-License-Identifier: GPL-3.0-or-later
#include "calling/callstore.h"

#include "storage/notfound.h"

#include <QSqlQuery>

namespace clinico::server {

using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

Error invalidTransition(const QString &code, const QString &status, const QString &action)
{
    return makeError(QStringLiteral("invalid_transition"),
        QStringLiteral("A senha %1 está '%2': não é possível %3.").arg(code, status, action), 409);
}

const QString kCallSelect = QStringLiteral(
    "SELECT k.ticket_id, t.code, t.service_id, s.name, k.counter_id, c.name, k.kind, k.at_ms, t.patient_id"
    " FROM calls k JOIN tickets t ON t.id = k.ticket_id JOIN services s ON s.id = t.service_id"
    " JOIN counters c ON c.id = k.counter_id ");

} // namespace

int CallStore::consecutivePriorityCalls(qint64 counterId, int limit)
{
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("SELECT k.priority FROM calls k WHERE k.kind = 'next' AND k.day = ?"
                       " AND k.service_id IN (SELECT service_id FROM counter_services WHERE counter_id = ?)"
                       " ORDER BY k.id DESC LIMIT ?"));
    SqlConnection::exec(q, { m_tickets.currentDay(), counterId, limit });
    int n = 0;
    while (q.next() && q.value(0).toString() != clinico::toWire(PriorityClass::Normal))
        ++n;
    return n;
}

QString CallStore::displayNameFor(qint64 patientId)
{
    if (!m_catalog.displaySettings().showNames)
        return {};
    const auto record = m_patients.record(patientId);
    if (!record)
        return {};
    const QStringList parts = record->name.simplified().split(u' ', Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return {};
    return parts.size() == 1 ? parts.first() : parts.first() + u' ' + parts.last().left(1).toUpper() + u'.';
}

Result<Ticket> CallStore::markCalled(const TicketRow &row, qint64 counterId, const QString &kind,
    const QString &reason, const Actor &actor, bool recall)
{
    const qint64 now = m_clock.nowMs();
    QSqlQuery &upd = m_db.connection().cached(QStringLiteral(
        "UPDATE tickets SET status = 'called', counter_id = ?, called_ms = ? WHERE id = ? AND status = ?"));
    if (!SqlConnection::exec(upd, { counterId, now, row.id, row.status }) || upd.numRowsAffected() != 1)
        return makeError(QStringLiteral("conflict"),
            QStringLiteral("A senha %1 mudou de estado; tente de novo.").arg(row.code), 409);
    QSqlQuery &call
        = m_db.connection().cached(QStringLiteral("INSERT INTO calls(day, ticket_id, counter_id, service_id, "
                                                  "priority, kind, reason, at_ms, actor, unit_id)"
                                                  " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!SqlConnection::exec(call,
            { row.day, row.id, counterId, row.serviceId, clinico::toWire(row.priority), kind,
                reason.isEmpty() ? QVariant() : QVariant(reason), now, actor.name, m_unit.id() }))
        return SqlConnection::errorFrom(call, QStringLiteral("call"));
    const auto ctr = m_catalog.counter(counterId);
    CallAnnouncement a;
    a.ticketId = row.id;
    a.code = row.code;
    a.serviceId = row.serviceId;
    a.serviceName = row.serviceName;
    a.counterId = counterId;
    a.counterName = ctr ? ctr->name : QString();
    a.recall = recall;
    a.displayName = displayNameFor(row.patientId);
    a.calledAtMs = now;
    if (auto seq = m_events.append(EventKind::TicketCalled, a.toJson()); !seq)
        return seq.error();
    if (Status s = m_audit.append(
            actor, kind == QLatin1String("next") ? QStringLiteral("call") : kind, row.id, reason);
        !s)
        return s.error();
    return *m_tickets.ticket(row.id);
}

Result<CallResult> CallStore::previewNext(qint64 counterId)
{
    if (!m_catalog.counter(counterId))
        return notFound(QStringLiteral("Local %1").arg(counterId));
    CallPolicyRules rules = m_catalog.policyRules();
    rules.timeZone = m_unit.calendar().timeZone();
    const CallPolicy policy(rules);
    const CallDecision d = policy.next(m_tickets.waiting({ TicketStore::WaitingQueue::Of::Counter, counterId }),
        consecutivePriorityCalls(counterId, policy.rules().normalEvery), m_clock.nowMs());
    CallResult r;
    if (d.ticket)
        r.ticket = m_tickets.ticket(d.ticket->id);
    r.reason = toWire(d.reason);
    r.explanation = d.explanation;
    return r;
}

// A counter serves one patient at a time, so calling the next one means the one before is done:
// whatever the counter still held (called or in service) is finished first, in the same unit
// of work. Otherwise a ticket in service would stay open at a counter whose desk has moved on,
// and nobody would ever finish it.
Result<QList<Ticket>> CallStore::finishHeldBy(qint64 counterId, const Actor &actor)
{
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("SELECT id FROM tickets WHERE counter_id = ?"
                       " AND status IN ('called', 'in_service') ORDER BY called_ms, id"));
    if (!SqlConnection::exec(q, { counterId }))
        return SqlConnection::errorFrom(q, QStringLiteral("finishHeldBy"));
    QList<qint64> held;
    while (q.next())
        held << q.value(0).toLongLong();
    q.finish();
    QList<Ticket> finished;
    for (const qint64 id : std::as_const(held)) {
        auto done = act(id, TicketAction::Finish, actor);
        if (!done)
            return done.error();
        finished << *done;
    }
    return finished;
}

Result<CallResult> CallStore::callNext(qint64 counterId, const Actor &actor)
{
    return m_work.run<CallResult>([&]() -> Result<CallResult> {
        auto preview = previewNext(counterId);
        if (!preview)
            return preview;
        auto finished = finishHeldBy(counterId, actor);
        if (!finished)
            return finished.error();
        CallResult r = *preview;
        r.finishedBefore = *finished;
        if (!preview->ticket)
            return r;
        const auto row = m_tickets.row(preview->ticket->id);
        auto called = markCalled(*row, counterId, QStringLiteral("next"), QString(), actor, false);
        if (!called)
            return called.error();
        r.ticket = *called;
        return r;
    });
}

Result<Ticket> CallStore::changedTicket(qint64 ticketId, const QString &eventKind)
{
    const Ticket t = *m_tickets.ticket(ticketId);
    if (!eventKind.isEmpty()) {
        if (auto seq = m_events.append(eventKind, t.toJson()); !seq)
            return seq.error();
    }
    return t;
}

Result<Ticket> CallStore::callSpecific(
    qint64 ticketId, qint64 counterId, const QString &reason, const Actor &actor)
{
    if (reason.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_field"),
            QStringLiteral("Campo 'reason': diga por que chamar fora da ordem."));
    return m_work.run<Ticket>([&]() -> Result<Ticket> {
        if (!m_catalog.counter(counterId))
            return notFound(QStringLiteral("Local %1").arg(counterId));
        const auto row = m_tickets.row(ticketId);
        if (!row)
            return notFound(QStringLiteral("Senha %1").arg(ticketId));
        if (row->status != TicketStatus::Waiting)
            return invalidTransition(row->code, row->status, QStringLiteral("chamar"));
        if (auto finished = finishHeldBy(counterId, actor); !finished)
            return finished.error();
        return markCalled(*row, counterId, QStringLiteral("specific"), reason.trimmed(), actor, false);
    });
}

Result<Ticket> CallStore::recall(qint64 ticketId, const Actor &actor)
{
    return m_work.run<Ticket>([&]() -> Result<Ticket> {
        const auto row = m_tickets.row(ticketId);
        if (!row)
            return notFound(QStringLiteral("Senha %1").arg(ticketId));
        if (row->status != TicketStatus::Called || !row->counterId)
            return invalidTransition(row->code, row->status, QStringLiteral("rechamar"));
        return markCalled(*row, *row->counterId, QStringLiteral("recall"), QString(), actor, true);
    });
}

Result<Ticket> CallStore::act(qint64 ticketId, TicketAction action, const Actor &actor)
{
    struct Rule
    {
        QStringList from;
        QString to;
        QString column; // time column to stamp
        QString verb;
        QString auditAction;
    };
    static const QHash<int, Rule> rules {
        { int(TicketAction::NoShow),
            { { TicketStatus::Called }, TicketStatus::NoShow, QStringLiteral("finished_ms"),
                QStringLiteral("marcar ausência"), QStringLiteral("no_show") } },
        { int(TicketAction::Start),
            { { TicketStatus::Called }, TicketStatus::InService, QStringLiteral("started_ms"),
                QStringLiteral("iniciar o atendimento"), QStringLiteral("start") } },
        { int(TicketAction::Finish),
            { { TicketStatus::Called, TicketStatus::InService }, TicketStatus::Done,
                QStringLiteral("finished_ms"), QStringLiteral("finalizar"), QStringLiteral("finish") } },
        { int(TicketAction::Cancel),
            { { TicketStatus::Waiting, TicketStatus::Called }, TicketStatus::Cancelled,
                QStringLiteral("finished_ms"), QStringLiteral("cancelar"), QStringLiteral("cancel") } },
    };
    const Rule &rule = rules[int(action)];
    return m_work.run<Ticket>([&]() -> Result<Ticket> {
        const auto row = m_tickets.row(ticketId);
        if (!row)
            return notFound(QStringLiteral("Senha %1").arg(ticketId));
        if (!rule.from.contains(row->status))
            return invalidTransition(row->code, row->status, rule.verb);
        QSqlQuery &q = m_db.connection().cached(
            QStringLiteral("UPDATE tickets SET status = ?, %1 = ? WHERE id = ? AND status = ?")
                .arg(rule.column));
        if (!SqlConnection::exec(q, { rule.to, m_clock.nowMs(), ticketId, row->status })
            || q.numRowsAffected() != 1)
            return makeError(QStringLiteral("conflict"),
                QStringLiteral("A senha %1 mudou de estado; tente de novo.").arg(row->code), 409);
        if (Status s = m_audit.append(actor, rule.auditAction, ticketId, {}); !s)
            return s.error();
        return changedTicket(ticketId, EventKind::TicketUpdated);
    });
}

Result<Ticket> CallStore::redirect(qint64 ticketId, qint64 serviceId, const Actor &actor)
{
    return m_work.run<Ticket>([&]() -> Result<Ticket> {
        const auto svc = m_catalog.service(serviceId);
        if (!svc)
            return notFound(QStringLiteral("Serviço %1").arg(serviceId));
        const auto row = m_tickets.row(ticketId);
        if (!row)
            return notFound(QStringLiteral("Senha %1").arg(ticketId));
        if (!TicketStatus::isOpen(row->status))
            return invalidTransition(row->code, row->status, QStringLiteral("encaminhar"));
        // Keeps the code and the arrival time: the patient does not lose their place.
        QSqlQuery &q = m_db.connection().cached(
            QStringLiteral("UPDATE tickets SET status = 'waiting', service_id = ?, "
                           "counter_id = NULL, called_ms = NULL WHERE id = ?"));
        if (!SqlConnection::exec(q, { serviceId, ticketId }))
            return SqlConnection::errorFrom(q, QStringLiteral("redirect"));
        if (Status s = m_audit.append(actor, QStringLiteral("redirect"), ticketId,
                QStringLiteral("%1 -> %2").arg(row->serviceName, svc->name));
            !s)
            return s.error();
        return changedTicket(ticketId, EventKind::TicketUpdated);
    });
}

// Where it ranks in the next queue: by its class, then by its arrival at the clinic's door
// (arrived_ms stays), as the calling policy ranks every ticket. A patient who spent an hour in
// reception is not sent behind those who came in after them; the wait in the new queue, for
// the alerts and the report, counts from stage_since_ms.
Result<Ticket> CallStore::forward(qint64 ticketId, std::optional<qint64> serviceId, const Actor &actor)
{
    return m_work.run<Ticket>([&]() -> Result<Ticket> {
        const auto row = m_tickets.row(ticketId);
        if (!row)
            return notFound(QStringLiteral("Senha %1").arg(ticketId));
        if (row->status != TicketStatus::Called && row->status != TicketStatus::InService)
            return invalidTransition(row->code, row->status, QStringLiteral("finalizar e encaminhar"));
        const auto from = m_catalog.service(row->serviceId);
        const std::optional<qint64> nextId = serviceId ? serviceId : from->nextServiceId;
        if (!nextId)
            return makeError(QStringLiteral("invalid_field"),
                QStringLiteral("%1 não tem próxima etapa: escolha o serviço.").arg(row->serviceName));
        const auto next = m_catalog.service(*nextId);
        if (!next)
            return notFound(QStringLiteral("Serviço %1").arg(*nextId));
        if (next->id == row->serviceId)
            return makeError(QStringLiteral("invalid_field"),
                QStringLiteral("A senha %1 já está em %2.").arg(row->code, next->name));
        const qint64 now = m_clock.nowMs();
        if (Status s = m_tickets.closeStage(*row, now); !s)
            return s.error();
        QSqlQuery &q = m_db.connection().cached(QStringLiteral(
            "UPDATE tickets SET status = 'waiting', service_id = ?, counter_id = NULL, called_ms = NULL,"
            " started_ms = NULL, finished_ms = NULL, stage_since_ms = ? WHERE id = ? AND status = ?"));
        if (!SqlConnection::exec(q, { next->id, now, ticketId, row->status }) || q.numRowsAffected() != 1)
            return makeError(QStringLiteral("conflict"),
                QStringLiteral("A senha %1 mudou de estado; tente de novo.").arg(row->code), 409);
        if (Status s = m_audit.append(actor, QStringLiteral("forward"), ticketId,
                QStringLiteral("%1 -> %2").arg(row->serviceName, next->name));
            !s)
            return s.error();
        return changedTicket(ticketId, EventKind::TicketUpdated);
    });
}

QList<CallAnnouncement> CallStore::recentCalls(int limit)
{
    QSqlQuery &q = m_db.connection().cached(
        kCallSelect + QStringLiteral("WHERE k.day = ? AND k.unit_id = ? ORDER BY k.id DESC LIMIT ?"));
    SqlConnection::exec(q, { m_tickets.currentDay(), m_unit.id(), limit });
    QList<QPair<CallAnnouncement, qint64>> rows;
    while (q.next()) {
        CallAnnouncement a;
        a.ticketId = q.value(0).toLongLong();
        a.code = q.value(1).toString();
        a.serviceId = q.value(2).toLongLong();
        a.serviceName = q.value(3).toString();
        a.counterId = q.value(4).toLongLong();
        a.counterName = q.value(5).toString();
        a.recall = q.value(6).toString() == QLatin1String("recall");
        a.calledAtMs = q.value(7).toLongLong();
        rows << qMakePair(a, q.value(8).toLongLong());
    }
    QList<CallAnnouncement> out;
    for (auto &[a, patientId] : rows) {
        a.displayName = displayNameFor(patientId);
        out << a;
    }
    return out;
}

} // namespace clinico::server
