// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalogstore.h"
#include "policy/callpolicy.h"
#include "protocol/messages.h"
#include "storage/eventlog.h"
#include "ticket/priorityclass.h"

#include <QMap>

#include <array>
#include <optional>

namespace clinico::server {

// A ticket as stored, with what the wire's Ticket leaves out (patient, device, request hash).
struct TicketRow
{
    qint64 id = 0;
    QString day;
    QString code;
    qint64 serviceId = 0;
    PriorityClass priority = PriorityClass::Normal;
    qint64 patientId = 0;
    qint64 deviceId = 0;
    QByteArray requestHash;
    QString status;
    qint64 issuedMs = 0;
    qint64 arrivedMs = 0;
    std::optional<qint64> counterId;
    bool offline = false;
    QString token;
    QString serviceName;
    QString counterName;
    qint64 stageSinceMs = 0; // joined the current stage's queue (arrivedMs for the first stage)

    protocol::Ticket toTicket() const;
};

// One stage of a ticket's visit and its moments, for the day report: the stages it finished
// and the one it is in.
struct TicketTimes
{
    qint64 ticketId = 0;
    qint64 serviceId = 0;
    QString serviceName;
    PriorityClass priority = PriorityClass::Normal;
    QString status; // the ticket's, for its current stage; StageForwarded for a finished one
    qint64 arrivedMs = 0; // at the door
    qint64 sinceMs = 0; // joined this stage's queue
    std::optional<qint64> startedMs;
    std::optional<qint64> finishedMs;
    std::optional<qint64> firstCalledMs; // the stage's first call that was not a recall
    std::optional<int> limitMinutes; // the wait limit of the service and class, if any
    bool firstStage = true;

    static inline const QString StageForwarded = QStringLiteral("forwarded");
};

// A stage a counter finished today: how long the counter was taken, from call to finish.
struct ServiceSample
{
    PriorityClass priority = PriorityClass::Normal;
    qint64 durationMs = 0;
};

// A patient a counter holds now (called or in service) and since when.
struct BeingServed
{
    PriorityClass priority = PriorityClass::Normal;
    qint64 calledMs = 0;
};

// The tickets of the business day and the day itself: reads for the desk, the ticket's
// status page and the metrics, and the daily rollover.
class TicketStore
{
public:
    TicketStore(
        Database &db, UnitOfWork &work, EventLog &events, CatalogStore &catalog, const UnitScope &unit)
        : m_db(db)
        , m_work(work)
        , m_events(events)
        , m_catalog(catalog)
        , m_unit(unit)
    { }

    // The current unit's business day. Expires every open ticket of the unit of an earlier
    // day; idempotent, also across server instances on one database (the first one to get
    // there does it).
    Result<int> rolloverTo(const QString &day);
    QString currentDay();
    // Another instance moved the day (its DayReset event): read it again.
    void reloadCurrentDay() { m_currentDay.clear(); }

    // A ticket of the current unit (another unit's is not found).
    std::optional<TicketRow> row(qint64 id);
    std::optional<protocol::Ticket> ticket(qint64 id);
    // Any unit's: the token is the ticket's own secret (the phone page). `unitId`: its unit.
    std::optional<protocol::Ticket> ticketByToken(const QString &token, qint64 *unitId = nullptr);
    // Today's tickets: the open ones, or those in `statusFilter`.
    QList<protocol::Ticket> list(const QString &statusFilter = {});
    // The current stage ends (forward): its moments go to the ticket's history.
    Status closeStage(const TicketRow &row, qint64 nowMs);
    // Where the ticket has been today, the current stage last.
    QList<protocol::TicketStage> stages(qint64 ticketId);
    // Which waiting tickets: a service's queue (a position, server/estimate/), or every queue a
    // counter serves (who it calls next, server/calling/).
    struct WaitingQueue
    {
        enum class Of { Service, Counter } of;
        qint64 id = 0;
    };
    // Today's waiting tickets of `queue`, with the appointment each checked in for.
    QList<WaitingTicket> waiting(WaitingQueue queue);
    // The last `limit` stages of a service finished today, newest first.
    QList<ServiceSample> recentServiceTimes(qint64 serviceId, int limit);
    // Today's tickets of a service called to a counter or in service there.
    QList<BeingServed> beingServed(qint64 serviceId);
    // Counters that called a ticket of this service since `sinceMs`.
    int countersCallingSince(qint64 serviceId, qint64 sinceMs);
    // How many tickets wait in a stage today, by class (at rank(c)): one pass over the index of
    // open tickets, no table row read.
    using ClassCounts = std::array<int, kPriorityClasses.size()>;
    ClassCounts waitingByClass(qint64 serviceId);
    // How many waiting tickets of the ticket's stage and class arrived after it. With
    // waitingByClass, who ranks before it by class and arrival alone (rules 2 and 3b of
    // shared/policy/callpolicy.h): a long queue's estimate.
    int waitingBehindInClass(const protocol::Ticket &ticket);
    // Waiting tickets whose wait in their stage is over their class's limit at `nowMs`.
    QList<protocol::WaitAlert> overWaitLimit(qint64 nowMs);

    // Metrics, of the current unit.
    qint64 ticketsIssuedTotal();
    QMap<QString, int> waitingPerService();
    // Every ticket of `day`, for its report.
    QList<TicketTimes> ticketTimes(const QString &day);
    // Tickets of before `day` forget their patient (retention): inside a unit of work.
    Result<int> unlinkPatientsBefore(const QString &day);

private:
    Database &m_db;
    UnitOfWork &m_work;
    EventLog &m_events;
    CatalogStore &m_catalog;
    const UnitScope &m_unit;
    // Per unit, cached; rolloverTo() and reloadCurrentDay() change it.
    QHash<qint64, QString> m_currentDay;
};

} // namespace clinico::server
