// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "announce/quiethours.h"
#include "core/clock.h"
#include "protocol/messages.h"

#include <QObject>
#include <QQueue>
#include <QTimer>

namespace clinico::voice {
class Announcer;
}

namespace clinico::tv {

// Calls to present and speak, strictly one after the other, in arrival order, none skipped.
// Each call is "current" (highlighted on screen) from started() to finished(): at least
// minPresentMs, and until its announcement is over. A watchdog ends (abandons) an
// announcement the voice never finishes (speechd with no audio device stays "speaking"
// forever), so one broken voice cannot stop the calls that follow.
class AnnouncementQueue : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool speech = true;
        bool chime = true;
        double volume = 0.8;
        QuietHours quietHours;
        int minPresentMs = 6000;
        int watchdogBaseMs = 12000;
        int watchdogPerCharMs = 120; // a long text takes longer to say
    };

    AnnouncementQueue(
        voice::Announcer *announcer, const Clock &clock, Options options, QObject *parent = nullptr);

    void enqueue(const protocol::CallAnnouncement &call);
    void clear(); // the day was reset: nothing pending is still true
    bool isBusy() const { return m_busy; }
    int pending() const { return int(m_queue.size()); }
    const protocol::CallAnnouncement &current() const { return m_current; }
    bool isQuietNow() const;
    const Options &options() const { return m_options; }

Q_SIGNALS:
    void started(const clinico::protocol::CallAnnouncement &call, const QString &spokenText);
    void finished(const clinico::protocol::CallAnnouncement &call);
    void idle();

private:
    void startNext();
    void maybeFinish();

    voice::Announcer *m_announcer;
    const Clock &m_clock;
    Options m_options;
    QQueue<protocol::CallAnnouncement> m_queue;
    protocol::CallAnnouncement m_current;
    QTimer m_minTimer;
    QTimer m_watchdog;
    bool m_busy = false;
    bool m_spoken = false;
    bool m_shownLongEnough = false;
};

} // namespace clinico::tv
