// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalogstore.h"
#include "core/clock.h"
#include "tickets/ticketstore.h"

#include <QHash>

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
// (shared/policy/callpolicy.h, replayed call by call, so interleaving counts). Each patient
// holds a counter for as long as this stage's recent patients of the same class did (the mean
// of the last kRecentSamples stages finished today, from call to finish; of every class when
// fewer than kMinSamples of that class; kDefaultServiceMs before the day has kMinSamples at
// all). The counters are those that called this stage lately (within twice that mean time,
// kMinOpenWindowMs..kMaxOpenWindowMs: a desk that has stopped calling soon stops counting), or
// hold one of its patients now (one at least). Then the day is played forward: each counter is free
// once its current patient's expected time is over, each patient ahead goes to the first free
// counter in turn, and this ticket's wait is when the next counter frees after them.
// Patients of a higher class who arrive meanwhile and go first are not foreseen (weighting by
// today's rate of their arrivals doubled the error in bench/server/wait_estimate_bench).
class WaitEstimator
{
public:
    static constexpr int kRecentSamples = 10;
    static constexpr int kMinSamples = 2;
    static constexpr qint64 kDefaultServiceMs = 5 * 60 * 1000;
    static constexpr qint64 kMinOpenWindowMs = 5 * 60 * 1000;
    static constexpr qint64 kMaxOpenWindowMs = 30 * 60 * 1000;
    // A longer queue (a flood, a benchmark) is not replayed: who is ahead is counted by class
    // and arrival alone, so issuing a ticket never reads the whole queue.
    static constexpr int kReplayLimit = 300;

    WaitEstimator(TicketStore &tickets, CatalogStore &catalog, const Clock &clock)
        : m_tickets(tickets)
        , m_catalog(catalog)
        , m_clock(clock)
    { }

    QueuePosition estimate(const protocol::Ticket &ticket);
    // The same for several tickets at once (a batch just issued): each stage is read once for
    // all its tickets, not once per ticket.
    QList<QueuePosition> estimate(const QList<protocol::Ticket> &tickets);
    // Every waiting ticket of a stage at once, by ticket id, as estimate() works it out for
    // one, with the queue replayed whatever its length (it is read once for all): one pass
    // over the queue for the live phone pages after each change, not one per phone. (Past
    // kReplayLimit, estimate() counts by class and arrival instead: the two may then differ by
    // the interleave of rule 1.)
    QHash<qint64, QueuePosition> positionsIn(qint64 serviceId);

    // The mean time a patient of `only` (of every class when absent) takes at this stage.
    static std::optional<double> meanServiceMs(
        const QList<ServiceSample> &recent, std::optional<PriorityClass> only = std::nullopt);
    struct Load
    {
        QList<ServiceSample> recent;
        QList<BeingServed> serving;
        int counters = 0;
    };

private:
    // The stage's recent service times, open counters and patients being served.
    Load stageLoad(qint64 serviceId, qint64 nowMs);
    // A long queue's position for a ticket of class `c` with `behind` of its class after it:
    // every higher class and the rest of its own ahead, played forward over the counters.
    static QueuePosition aheadOf(
        PriorityClass c, const TicketStore::ClassCounts &waiting, int behind, const Load &load, qint64 nowMs);

    TicketStore &m_tickets;
    CatalogStore &m_catalog;
    const Clock &m_clock;
};

} // namespace clinico::server
