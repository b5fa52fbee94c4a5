// SPDX-License-Identifier: GPL-3.0-or-later
#include "reset/dailyreset.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcReset, "clinico.server.reset")

namespace clinico::server {

DailyReset::DailyReset(QueueStore &store, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
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
    const QDateTime now = m_clock.now();
    for (const protocol::Unit &unit : m_store.units().units()) {
        auto entered = m_store.enterUnit(unit.id);
        if (!entered)
            return entered.error();
        const QString today = m_store.calendar().dayOf(now);
        // Never back: a clock set back or a later reset time must not reopen a day's numbering.
        QString &day = m_days[unit.id];
        if (today <= day)
            continue;
        auto expired = m_store.tickets().rolloverTo(today);
        if (!expired)
            return expired.error();
        day = today;
    }
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
    m_store.setResetTime(resetAt);
    arm();
    return ensureCurrent();
}

void DailyReset::arm()
{
    const QDateTime now = m_clock.now();
    qint64 ms = 24 * 3600 * 1000;
    for (const protocol::Unit &unit : m_store.units().units()) {
        if (auto entered = m_store.enterUnit(unit.id))
            ms = std::min(ms, now.msecsTo(m_store.calendar().nextResetAfter(now)));
    }
    // Re-arm at most hourly so a clock change is noticed within the hour.
    m_timer.start(int(std::clamp<qint64>(ms + 500, 1000, 3600 * 1000)));
}

} // namespace clinico::server
