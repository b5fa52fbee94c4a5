// SPDX-License-Identifier: GPL-3.0-or-later
#include "reset/dailyreset.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcReset, "clinico.server.reset")

namespace clinico::server {

DailyReset::DailyReset(QueueStore &store, const Clock &clock, BusinessDay calendar, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_calendar(std::move(calendar))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (Status s = ensureCurrent(); !s)
            qCWarning(lcReset) << "daily reset failed:" << s.error().message;
        m_store.database().releaseStatements();
        arm();
    });
}

Status DailyReset::ensureCurrent()
{
    const QString today = m_calendar.dayOf(m_clock.now());
    // Never back: a clock set back or a later reset time must not reopen a day's numbering.
    if (today <= m_day)
        return Ok {};
    auto expired = m_store.tickets().rolloverTo(today);
    if (!expired)
        return expired.error();
    m_day = today;
    return Ok {};
}

void DailyReset::start()
{
    if (Status s = ensureCurrent(); !s)
        qCWarning(lcReset) << "daily reset failed:" << s.error().message;
    arm();
}

Status DailyReset::setResetTime(QTime resetAt)
{
    m_calendar = BusinessDay(resetAt, m_calendar.timeZone().id());
    m_store.setCalendar(m_calendar);
    arm();
    return ensureCurrent();
}

void DailyReset::arm()
{
    const QDateTime now = m_clock.now();
    const qint64 ms = now.msecsTo(m_calendar.nextResetAfter(now));
    // Re-arm at most hourly so a clock change is noticed within the hour.
    m_timer.start(int(std::clamp<qint64>(ms + 500, 1000, 3600 * 1000)));
}

} // namespace clinico::server
