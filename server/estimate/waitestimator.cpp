// SPDX-License-Identifier: GPL-3.0-or-later
#include "estimate/waitestimator.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <vector>

namespace clinico::server {

using namespace clinico::protocol;

QueuePosition WaitEstimator::estimate(const Ticket &ticket)
{
    return estimate(QList<Ticket> { ticket }).first();
}

QList<QueuePosition> WaitEstimator::estimate(const QList<Ticket> &tickets)
{
    struct Stage
    {
        Load load;
        std::optional<QList<WaitingTicket>> waiting; // absent past kReplayLimit: counted in SQL
    };
    const qint64 now = m_clock.nowMs();
    std::optional<CallPolicy> policy;
    std::map<qint64, Stage> stages; // by service, read when its first ticket comes
    QList<QueuePosition> positions(tickets.size());
    for (qsizetype i = 0; i < tickets.size(); ++i) {
        const Ticket &ticket = tickets[i];
        if (ticket.status != TicketStatus::Waiting)
            continue;
        auto [it, first] = stages.try_emplace(ticket.serviceId);
        Stage &stage = it->second;
        if (first) {
            if (m_tickets.waitingCount(ticket.serviceId) <= kReplayLimit)
                stage.waiting = m_tickets.waitingIn(ticket.serviceId);
            stage.load.recent = m_tickets.recentServiceTimes(ticket.serviceId, kRecentSamples);
            const auto openWindow
                = std::clamp(qint64(2 * meanServiceMs(stage.load.recent).value_or(double(kDefaultServiceMs))),
                    kMinOpenWindowMs, kMaxOpenWindowMs);
            stage.load.counters = m_tickets.countersCallingSince(ticket.serviceId, now - openWindow);
            stage.load.serving = m_tickets.beingServed(ticket.serviceId);
        }
        if (stage.waiting && !policy)
            policy.emplace(m_catalog.policyRules());
        stage.load.ahead = stage.waiting ? classesAhead(*stage.waiting, ticket.id, *policy, now)
                                         : m_tickets.rankedAhead(ticket);
        positions[i] = { int(stage.load.ahead.size()), minutesFor(stage.load, now) };
    }
    return positions;
}

QList<PriorityClass> WaitEstimator::classesAhead(
    const QList<WaitingTicket> &waiting, qint64 ticketId, const CallPolicy &policy, qint64 nowMs)
{
    QList<PriorityClass> ahead;
    for (const WaitingTicket &t : policy.order(waiting, 0, nowMs, ticketId))
        ahead << t.priority;
    return ahead;
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

int WaitEstimator::minutesFor(const Load &load, qint64 nowMs)
{
    const double overall = meanServiceMs(load.recent).value_or(double(kDefaultServiceMs));
    auto expectedMs = [&](PriorityClass c) { return meanServiceMs(load.recent, c).value_or(overall); };

    // When each counter is next free, from now.
    const int counters = std::max({ 1, load.counters, int(load.serving.size()) });
    std::vector<double> freeAt(std::size_t(counters), 0.0);
    for (qsizetype i = 0; i < load.serving.size(); ++i)
        freeAt[std::size_t(i)]
            = std::max(0.0, expectedMs(load.serving[i].priority) - double(nowMs - load.serving[i].calledMs));
    for (PriorityClass c : load.ahead) {
        auto first = std::min_element(freeAt.begin(), freeAt.end());
        *first += expectedMs(c);
    }
    return int(std::lround(*std::min_element(freeAt.begin(), freeAt.end()) / 60000.0));
}

} // namespace clinico::server
