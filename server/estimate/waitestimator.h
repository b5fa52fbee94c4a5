// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalogstore.h"
#include "core/clock.h"
#include "tickets/ticketstore.h"

namespace clinico::server {

struct QueuePosition
{
    int ahead = 0;
    int estimatedWaitMinutes = 0;
};

// The one estimate of a waiting ticket's wait, for the ticket printed at the totem and the
// phone page: from what the clinic is doing today, not a constant.
//
// Ahead: the waiting tickets of the same stage the calling policy would pick before this one
// (shared/policy/callpolicy.h, replayed call by call, so interleaving counts). Each of them will
// hold a counter for as long as this stage's recent patients of its class did (the mean of the
// last kRecentSamples stages finished today, from call to finish; of every class when fewer
// than kMinSamples of that class; kDefaultServiceMs before the day has kMinSamples at all), and
// the counters that called this stage in the last kOpenWindowMs share the work (one at least).
class WaitEstimator
{
public:
    static constexpr int kRecentSamples = 10;
    static constexpr int kMinSamples = 2;
    static constexpr qint64 kDefaultServiceMs = 5 * 60 * 1000;
    static constexpr qint64 kOpenWindowMs = 30 * 60 * 1000;

    WaitEstimator(TicketStore &tickets, CatalogStore &catalog, const Clock &clock)
        : m_tickets(tickets)
        , m_catalog(catalog)
        , m_clock(clock)
    { }

    QueuePosition estimate(const protocol::Ticket &ticket);

    // The arithmetic alone, for tests and the benchmark.
    static QList<PriorityClass> classesAhead(
        const QList<WaitingTicket> &waiting, qint64 ticketId, const CallPolicy &policy, qint64 nowMs);
    static int minutesFor(const QList<PriorityClass> &ahead, const QList<ServiceSample> &recent, int counters);

private:
    TicketStore &m_tickets;
    CatalogStore &m_catalog;
    const Clock &m_clock;
};

} // namespace clinico::server
