// SPDX-License-Identifier: GPL-3.0-or-later
#include "estimate/waitestimator.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <vector>

namespace clinico::server {

using namespace clinico::protocol;

namespace {

// The counters of a stage played forward (waitestimator.h): when each is next free, from now,
// as the patients ahead take them in turn.
class CounterSchedule
{
public:
    CounterSchedule(const WaitEstimator::Load &load, qint64 nowMs)
        : m_freeAt(std::size_t(std::max({ 1, load.counters, int(load.serving.size()) })), 0.0)
    {
        const double overall
            = WaitEstimator::meanServiceMs(load.recent).value_or(double(WaitEstimator::kDefaultServiceMs));
        for (const PriorityClass c : kPriorityClasses)
            m_expectedMs[std::size_t(rank(c))] = WaitEstimator::meanServiceMs(load.recent, c).value_or(overall);
        for (qsizetype i = 0; i < load.serving.size(); ++i)
            m_freeAt[std::size_t(i)]
                = std::max(0.0, expectedMs(load.serving[i].priority) - double(nowMs - load.serving[i].calledMs));
    }

    // The next `n` patients, of class `c`, go each to the first free counter.
    void assign(PriorityClass c, int n = 1)
    {
        for (int i = 0; i < n; ++i) {
            auto first = std::min_element(m_freeAt.begin(), m_freeAt.end());
            *first += expectedMs(c);
        }
    }

    int minutesUntilACounterIsFree() const
    {
        return int(std::lround(*std::min_element(m_freeAt.begin(), m_freeAt.end()) / 60000.0));
    }

private:
    double expectedMs(PriorityClass c) const { return m_expectedMs[std::size_t(rank(c))]; }

    std::array<double, kPriorityClasses.size()> m_expectedMs {};
    std::vector<double> m_freeAt;
};

} // namespace

QueuePosition WaitEstimator::estimate(const Ticket &ticket)
{
    return estimate(QList<Ticket> { ticket }).first();
}

QList<QueuePosition> WaitEstimator::estimate(const QList<Ticket> &tickets)
{
    // Each stage is read once: every position at once (positionsIn), or past kReplayLimit its
    // load and its count of each class, with who arrived after each ticket counted in SQL.
    struct Stage
    {
        std::optional<QHash<qint64, QueuePosition>> positions;
        TicketStore::ClassCounts waiting {};
        Load load;
    };
    const qint64 now = m_clock.nowMs();
    std::map<qint64, Stage> stages; // by service, read when its first ticket comes
    QList<QueuePosition> out(tickets.size());
    for (qsizetype i = 0; i < tickets.size(); ++i) {
        const Ticket &ticket = tickets[i];
        if (ticket.status != TicketStatus::Waiting)
            continue;
        auto [it, first] = stages.try_emplace(ticket.serviceId);
        Stage &stage = it->second;
        if (first) {
            stage.waiting = m_tickets.waitingByClass(ticket.serviceId);
            if (std::accumulate(stage.waiting.begin(), stage.waiting.end(), 0) <= kReplayLimit)
                stage.positions = positionsIn(ticket.serviceId);
            else
                stage.load = stageLoad(ticket.serviceId, now);
        }
        if (stage.positions) {
            out[i] = stage.positions->value(ticket.id);
            continue;
        }
        const int behind = m_tickets.waitingBehindInClass(ticket);
        out[i] = aheadOf(ticket.priority, stage.waiting, behind, stage.load, now);
    }
    return out;
}

QueuePosition WaitEstimator::aheadOf(
    PriorityClass c, const TicketStore::ClassCounts &waiting, int behind, const Load &load, qint64 nowMs)
{
    // Every higher class first, highest first, then the ticket's own class up to it (the
    // ticket itself and those behind it do not count).
    CounterSchedule counters(load, nowMs);
    int ahead = 0;
    for (auto k = kPriorityClasses.size(); k-- > std::size_t(rank(c));) {
        const int n = k == std::size_t(rank(c)) ? std::max(0, waiting[k] - 1 - behind) : waiting[k];
        counters.assign(kPriorityClasses[k], n);
        ahead += n;
    }
    return { ahead, counters.minutesUntilACounterIsFree() };
}

QHash<qint64, QueuePosition> WaitEstimator::positionsIn(qint64 serviceId)
{
    const qint64 now = m_clock.nowMs();
    const Load load = stageLoad(serviceId, now);
    const QList<WaitingTicket> order = CallPolicy(m_catalog.policyRules())
                                           .order(m_tickets.waiting({ TicketStore::WaitingQueue::Of::Service, serviceId }), 0, now);
    CounterSchedule counters(load, now);
    QHash<qint64, QueuePosition> out;
    out.reserve(order.size());
    for (qsizetype i = 0; i < order.size(); ++i) {
        out.insert(order[i].id, { int(i), counters.minutesUntilACounterIsFree() });
        counters.assign(order[i].priority);
    }
    return out;
}

WaitEstimator::Load WaitEstimator::stageLoad(qint64 serviceId, qint64 nowMs)
{
    Load load;
    load.recent = m_tickets.recentServiceTimes(serviceId, kRecentSamples);
    const auto openWindow = std::clamp(qint64(2 * meanServiceMs(load.recent).value_or(double(kDefaultServiceMs))),
        kMinOpenWindowMs, kMaxOpenWindowMs);
    load.counters = m_tickets.countersCallingSince(serviceId, nowMs - openWindow);
    load.serving = m_tickets.beingServed(serviceId);
    return load;
}

std::optional<double> WaitEstimator::meanServiceMs(
    const QList<ServiceSample> &recent, std::optional<PriorityClass> only)
{
    double sum = 0;
    int n = 0;
    for (const ServiceSample &s : recent) {
        if (!only || s.priority == *only) {
            sum += double(s.durationMs);
            ++n;
        }
    }
    return n >= kMinSamples ? std::optional<double>(sum / n) : std::nullopt;
}

} // namespace clinico::server
