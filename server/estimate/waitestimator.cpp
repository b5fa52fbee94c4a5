// SPDX-License-Identifier: GPL-3.0-or-later
#include "estimate/waitestimator.h"

#include <cmath>

namespace clinico::server {

using namespace clinico::protocol;

QueuePosition WaitEstimator::estimate(const Ticket &ticket)
{
    if (ticket.status != TicketStatus::Waiting)
        return {};
    const qint64 now = m_clock.nowMs();
    const QList<PriorityClass> ahead = classesAhead(
        m_tickets.waitingIn(ticket.serviceId), ticket.id, CallPolicy(m_catalog.policyRules()), now);
    const int counters = m_tickets.countersCallingSince(ticket.serviceId, now - kOpenWindowMs);
    return { int(ahead.size()),
        minutesFor(ahead, m_tickets.recentServiceTimes(ticket.serviceId, kRecentSamples), counters) };
}

QList<PriorityClass> WaitEstimator::classesAhead(
    const QList<WaitingTicket> &waiting, qint64 ticketId, const CallPolicy &policy, qint64 nowMs)
{
    QList<WaitingTicket> left = waiting;
    QList<PriorityClass> ahead;
    int consecutive = 0;
    while (!left.isEmpty()) {
        const CallDecision d = policy.next(left, consecutive, nowMs);
        if (!d.ticket || d.ticket->id == ticketId)
            break;
        ahead << d.ticket->priority;
        consecutive = d.ticket->priority == PriorityClass::Normal ? 0 : consecutive + 1;
        left.removeIf([&](const WaitingTicket &w) { return w.id == d.ticket->id; });
    }
    return ahead;
}

int WaitEstimator::minutesFor(const QList<PriorityClass> &ahead, const QList<ServiceSample> &recent, int counters)
{
    auto meanOf = [&](std::optional<PriorityClass> only) -> std::optional<double> {
        double sum = 0;
        int n = 0;
        for (const ServiceSample &s : recent) {
            if (!only || s.priority == *only) {
                sum += double(s.durationMs);
                ++n;
            }
        }
        return n >= kMinSamples ? std::optional<double>(sum / n) : std::nullopt;
    };
    const double overall = meanOf(std::nullopt).value_or(double(kDefaultServiceMs));
    double totalMs = 0;
    for (PriorityClass c : ahead)
        totalMs += meanOf(c).value_or(overall);
    return int(std::lround(totalMs / std::max(1, counters) / 60000.0));
}

} // namespace clinico::server
