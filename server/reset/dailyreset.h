// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "storage/queuestore.h"
#include "ticket/businessday.h"

#include <QObject>
#include <QTimer>

namespace clinico::server {

// Keeps the store on the current business day: a timer fires at the configured reset time,
// and every request checks too (a laptop that slept through midnight, a clock that jumped).
class DailyReset : public QObject
{
    Q_OBJECT
public:
    DailyReset(QueueStore &store, const Clock &clock, BusinessDay calendar, QObject *parent = nullptr);

    // Rolls over if the clock has crossed a reset since the last check. Cheap when it has not.
    Status ensureCurrent();
    void start();
    const BusinessDay &calendar() const { return m_calendar; }
    // An admin moved the reset time: the store and the timer follow at once.
    Status setResetTime(QTime resetAt);

private:
    void arm();

    QueueStore &m_store;
    const Clock &m_clock;
    BusinessDay m_calendar;
    QString m_day;
    QTimer m_timer;
};

} // namespace clinico::server
