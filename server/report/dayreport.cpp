// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/dayreport.h"

#include "ticket/priorityclass.h"

#include <QMap>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace clinico::server {

using namespace clinico::protocol;

namespace {

struct Sample
{
    int issued = 0;
    int served = 0;
    int noShows = 0;
    int waiting = 0;
    int overLimit = 0;
    QList<qint64> waits;
    QList<qint64> serviceTimes;
    QList<qint64> visits;

    void add(const Sample &o)
    {
        issued += o.issued;
        served += o.served;
        noShows += o.noShows;
        waiting += o.waiting;
        overLimit += o.overLimit;
        waits += o.waits;
        serviceTimes += o.serviceTimes;
        visits += o.visits;
    }
};

std::optional<qint64> mean(const QList<qint64> &v)
{
    if (v.isEmpty())
        return std::nullopt;
    return qint64(std::llround(double(std::accumulate(v.begin(), v.end(), qint64(0))) / double(v.size())));
}

std::optional<qint64> median(QList<qint64> v)
{
    if (v.isEmpty())
        return std::nullopt;
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::optional<qint64> percentile90(QList<qint64> v)
{
    if (v.isEmpty())
        return std::nullopt;
    std::sort(v.begin(), v.end());
    const auto rank = qsizetype(std::ceil(0.9 * double(v.size())));
    return v[std::clamp<qsizetype>(rank - 1, 0, v.size() - 1)];
}

ReportFigures figuresOf(const Sample &s)
{
    return ReportFigures { s.issued, s.served, s.noShows, s.waiting, mean(s.waits), median(s.waits),
        percentile90(s.waits), mean(s.serviceTimes), s.overLimit, mean(s.visits), median(s.visits) };
}

// One stage of one ticket. A stage that was forwarded was served there; the visit ends when
// the last stage is done.
Sample stageSample(const TicketTimes &t, qint64 nowMs)
{
    Sample one;
    one.issued = 1;
    one.served = t.status == TicketStatus::Done || t.status == TicketTimes::StageForwarded;
    one.noShows = t.status == TicketStatus::NoShow;
    one.waiting = t.status == TicketStatus::Waiting;
    if (t.firstCalledMs)
        one.waits << std::max<qint64>(0, *t.firstCalledMs - t.sinceMs);
    if (one.served && t.startedMs && t.finishedMs)
        one.serviceTimes << std::max<qint64>(0, *t.finishedMs - *t.startedMs);
    // Waited longer than the limit: called after it, or still waiting past it.
    const qint64 waitedUntil = t.firstCalledMs ? *t.firstCalledMs : one.waiting ? nowMs : t.sinceMs;
    one.overLimit = t.limitMinutes && waitedUntil - t.sinceMs > qint64(*t.limitMinutes) * 60000;
    return one;
}

} // namespace

DayReport buildDayReport(TicketStore &tickets, const QString &day, qint64 nowMs)
{
    // Key: service id, then class rank descending (80+ first), as the desk orders them.
    QMap<std::pair<qint64, int>, Sample> byServiceClass;
    QMap<qint64, QString> serviceNames;
    QMap<int, Sample> byClass;
    for (const TicketTimes &t : tickets.ticketTimes(day)) {
        serviceNames[t.serviceId] = t.serviceName;
        const Sample one = stageSample(t, nowMs);
        byServiceClass[{ t.serviceId, -rank(t.priority) }].add(one);
        // Per class, a ticket is one visit: issued once, served when its last stage is done.
        Sample visit = one;
        visit.issued = t.firstStage;
        visit.served = t.status == TicketStatus::Done;
        if (visit.served && t.finishedMs)
            visit.visits << std::max<qint64>(0, *t.finishedMs - t.arrivedMs);
        byClass[-rank(t.priority)].add(visit);
    }

    DayReport report;
    report.day = day;
    report.generatedAtMs = nowMs;
    for (auto it = byServiceClass.cbegin(); it != byServiceClass.cend(); ++it) {
        const PriorityClass priority = it.key().second == -rank(PriorityClass::Priority80)
            ? PriorityClass::Priority80
            : it.key().second == -rank(PriorityClass::Priority) ? PriorityClass::Priority
                                                                : PriorityClass::Normal;
        report.rows << ReportRow { it.key().first, serviceNames.value(it.key().first), priority,
            figuresOf(*it) };
    }
    Sample all;
    for (PriorityClass c : { PriorityClass::Priority80, PriorityClass::Priority, PriorityClass::Normal }) {
        report.classes << ReportRow { 0, QString(), c, figuresOf(byClass.value(-rank(c))) };
        all.add(byClass.value(-rank(c)));
    }
    report.total = ReportRow { 0, QString(), std::nullopt, figuresOf(all) };
    return report;
}

AppointmentFigures appointmentFigures(const QList<AppointmentView> &appointments)
{
    AppointmentFigures f;
    for (const AppointmentView &a : appointments) {
        if (a.state == AppointmentState::Cancelled) {
            ++f.cancelled;
            continue;
        }
        ++f.booked;
        if (a.arrivedAtMs) {
            ++f.arrived;
            ++(*a.arrivedAtMs <= a.startMs ? f.onTime : f.late);
        }
        if (a.state == AppointmentState::NoShow)
            ++f.noShows;
    }
    return f;
}

} // namespace clinico::server
