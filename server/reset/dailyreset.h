// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "storage/queuestore.h"
#include "ticket/businessday.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace clinico::server {

// Keeps every unit on its current business day, each in its own time zone: a timer fires at
// the next reset of any unit, and every request checks too (a laptop that slept through
// midnight, a clock that jumped).
class DailyReset : public QObject
{
    Q_OBJECT
public:
    DailyReset(QueueStore &store, const Clock &clock, QObject *parent = nullptr);

    // Rolls over if the clock has crossed a reset since the last check. Cheap when it has not.
    Status ensureCurrent();
    void start();
    // An admin moved the (network's) reset time: the store and the timer follow at once.
    Status setResetTime(QTime resetAt);

private:
    void arm();

    QueueStore &m_store;
    const Clock &m_clock;
    QHash<qint64, QString> m_days; // per unit: the day it was last rolled over to
    QTimer m_timer;
};

} // namespace clinico::server
