// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QTimer>

namespace clinico::test {

// The GUI thread's heartbeat: a 20 ms timer that only ticks while the event loop runs, so a
// thread blocked in a sound stack shows up as missing ticks.
struct Heartbeat
{
    Heartbeat()
    {
        QObject::connect(&timer, &QTimer::timeout, [this] { ++ticks; });
        timer.start(20);
        clock.start();
    }
    // At least half the ticks a free event loop would have had.
    bool neverStalled() const { return ticks * 20 * 2 >= clock.elapsed(); }
    QTimer timer;
    QElapsedTimer clock;
    qint64 ticks = 0;
};

} // namespace clinico::test
