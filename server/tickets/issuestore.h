// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appointments/appointmentstore.h"
#include "audit/auditstore.h"
#include "cpf/cpf.h"
#include "estimate/waitestimator.h"
#include "patients/patientstore.h"
#include "ticket/businessday.h"
#include "tickets/ticketstore.h"

namespace clinico::server {

struct IssueOutcome
{
    protocol::IssueTicketResponse response;
    bool created = false; // false: an earlier ticket was returned (retry or reissue)
};

// Issuing tickets: numbering per day, service and class; idempotent retries; reprints for a
// patient who asks again; number leases for totems that print offline, and the filing of what
// they printed.
class IssueStore
{
public:
    IssueStore(Database &db, UnitOfWork &work, EventLog &events, CatalogStore &catalog,
        PatientStore &patients, TicketStore &tickets, AppointmentStore &appointments,
        WaitEstimator &estimator, const Clock &clock, UnitScope &unit)
        : m_db(db)
        , m_work(work)
        , m_events(events)
        , m_catalog(catalog)
        , m_patients(patients)
        , m_tickets(tickets)
        , m_appointments(appointments)
        , m_estimator(estimator)
        , m_clock(clock)
        , m_unit(unit)
        , m_calendar(unit.calendar())
    { }

    struct IssueCommand
    {
        protocol::IssueTicketRequest request;
        Cpf cpf;
        Actor device;
        std::optional<protocol::Unit> unit; // the device's; empty: the current unit
    };
    Result<IssueOutcome> issue(
        const protocol::IssueTicketRequest &request, const Cpf &cpf, const Actor &device);
    // Group commit: every command in its own savepoint and unit, all in one transaction, so N
    // tickets cost one fsync. One command failing does not affect the others. Nothing is reported
    // as issued before the commit is on disk.
    QList<Result<IssueOutcome>> issueBatch(const QList<IssueCommand> &commands);
    Result<protocol::Lease> lease(const protocol::LeaseRequest &request, const Actor &device);

private:
    Result<IssueOutcome> issueInTransaction(const IssueCommand &command);
    // The reply for a ticket already filed, read back; outcome() for one in hand.
    Result<IssueOutcome> outcomeFor(qint64 ticketId, bool created, bool reissued);
    static IssueOutcome outcome(
        const protocol::Ticket &ticket, const QString &statusToken, bool created, bool reissued);
    Result<int> takeNumber(const QString &day, qint64 serviceId, PriorityClass priority);
    Result<int> leaseFirstNumber(const QString &day, qint64 serviceId, PriorityClass priority);
    int leasedNumbersEnd(const QString &day, qint64 serviceId, PriorityClass priority);
    static constexpr int kLeasedNumbersFrom = 501;
    Result<QString> offlineCode(
        const protocol::IssueTicketRequest &req, const protocol::Service &svc, const Actor &device);
    Status checkPrintTime(qint64 printedAtMs, const QString &day, std::optional<qint64> leasedAtMs);
    static Error invalidPrintTime(const QString &why);
    Status adoptOfflineCode(qint64 ticketId, const protocol::IssueTicketRequest &req,
        const protocol::Service &svc, const QByteArray &hash, const Actor &device);

    Database &m_db;
    UnitOfWork &m_work;
    EventLog &m_events;
    CatalogStore &m_catalog;
    PatientStore &m_patients;
    TicketStore &m_tickets;
    AppointmentStore &m_appointments;
    WaitEstimator &m_estimator;
    const Clock &m_clock;
    UnitScope &m_unit;
    const BusinessDay &m_calendar; // the current unit's
};

} // namespace clinico::server
