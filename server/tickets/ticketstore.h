// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalogstore.h"
#include "protocol/messages.h"
#include "storage/eventlog.h"
#include "ticket/priorityclass.h"

#include <QMap>

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

    protocol::Ticket toTicket() const;
};

// A ticket's moments, for the day report.
struct TicketTimes
{
    qint64 serviceId = 0;
    QString serviceName;
    PriorityClass priority = PriorityClass::Normal;
    QString status;
    qint64 arrivedMs = 0;
    std::optional<qint64> startedMs;
    std::optional<qint64> finishedMs;
    std::optional<qint64> firstCalledMs; // the first call that was not a recall
};

// The tickets of the business day and the day itself: reads for the desk, the ticket's
// status page and the metrics, and the daily rollover.
class TicketStore
{
public:
    TicketStore(Database &db, UnitOfWork &work, EventLog &events, CatalogStore &catalog)
        : m_db(db)
        , m_work(work)
        , m_events(events)
        , m_catalog(catalog)
    { }

    // The business day. Expires every open ticket of an earlier day; idempotent.
    Result<int> rolloverTo(const QString &day);
    QString currentDay();

    std::optional<TicketRow> row(qint64 id);
    std::optional<protocol::Ticket> ticket(qint64 id);
    std::optional<protocol::Ticket> ticketByToken(const QString &token);
    // Today's tickets: the open ones, or those in `statusFilter`.
    QList<protocol::Ticket> list(const QString &statusFilter = {});
    // People ahead in the same service and the estimated wait, for the ticket and /t/<token>.
    QPair<int, int> positionAndWait(const protocol::Ticket &t);

    // Metrics.
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
    QString m_currentDay; // cached; only rolloverTo() changes it
};

} // namespace clinico::server
