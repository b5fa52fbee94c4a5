// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditstore.h"
#include "patients/patientstore.h"
#include "tickets/ticketstore.h"

namespace clinico::server {

enum class TicketAction { NoShow, Start, Finish, Cancel };

// Calling patients: the next one as the policy orders them (shared/policy/callpolicy.h), one out
// of order with a reason, a recall, and what happens to a ticket after its call. Every call is
// logged and announced (TicketCalled), with the patient's short name when the clinic shows names.
class CallStore
{
public:
    CallStore(Database &db, UnitOfWork &work, EventLog &events, CatalogStore &catalog, PatientStore &patients,
        TicketStore &tickets, AuditStore &audit, const Clock &clock, const UnitScope &unit)
        : m_db(db)
        , m_work(work)
        , m_events(events)
        , m_catalog(catalog)
        , m_patients(patients)
        , m_tickets(tickets)
        , m_audit(audit)
        , m_clock(clock)
        , m_unit(unit)
    { }

    Result<protocol::CallResult> callNext(qint64 counterId, const Actor &actor);
    Result<protocol::CallResult> previewNext(qint64 counterId);
    Result<protocol::Ticket> callSpecific(
        qint64 ticketId, qint64 counterId, const QString &reason, const Actor &actor);
    Result<protocol::Ticket> recall(qint64 ticketId, const Actor &actor);
    Result<protocol::Ticket> act(qint64 ticketId, TicketAction action, const Actor &actor);
    Result<protocol::Ticket> redirect(qint64 ticketId, qint64 serviceId, const Actor &actor);
    // "Finalizar e encaminhar": the stage the ticket is called to or in ends (kept in its
    // history) and the same ticket, same code, joins the queue of `serviceId`, or of its
    // service's next stage when absent.
    Result<protocol::Ticket> forward(qint64 ticketId, std::optional<qint64> serviceId, const Actor &actor);
    // Today's last `limit` call-outs, newest first, as the TVs showed them.
    QList<protocol::CallAnnouncement> recentCalls(int limit);

private:
    Result<protocol::Ticket> markCalled(const TicketRow &row, qint64 counterId, const QString &kind,
        const QString &reason, const Actor &actor, bool recall);
    int consecutivePriorityCalls(qint64 counterId, int limit);
    QString displayNameFor(qint64 patientId);
    Result<QList<protocol::Ticket>> finishHeldBy(qint64 counterId, const Actor &actor);
    // The ticket as it now is, with its event appended (none when `eventKind` is empty).
    Result<protocol::Ticket> changedTicket(qint64 ticketId, const QString &eventKind);

    Database &m_db;
    UnitOfWork &m_work;
    EventLog &m_events;
    CatalogStore &m_catalog;
    PatientStore &m_patients;
    TicketStore &m_tickets;
    AuditStore &m_audit;
    const Clock &m_clock;
    const UnitScope &m_unit; // its calendar: the policy's time zone
};

} // namespace clinico::server
