// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/tvconfig.h"
#include "core/clock.h"
#include "core/result.h"
#include "health/kioskhealth.h"

#include <QObject>

#include <memory>

namespace clinico {
class EventStreamClient;
}

namespace clinico::voice {
class Announcer;
class VoiceProcess;
} // namespace clinico::voice

namespace clinico::tv {

class AnnouncementQueue;
class CallFeed;
class StatusReporter;
class CacheWriter;
class TvDisplay;

// One TV: the cache, the call model, the event stream, the speech queue, the status reports
// and what the screen shows, wired together. main() adds a window; tests and benchmarks use
// it without one (and with a recording Announcer).
class TvApp : public QObject
{
    Q_OBJECT
public:
    struct Seams
    {
        const Clock *clock = nullptr; // default: the system clock
        voice::Announcer *announcer = nullptr; // default: VoiceProcess (clinico-voice); not owned
        int announceDeadlineMs = 0; // 0: the queue's (12 s plus 120 ms a character)
        int reconnectInitialMs = 250;
        int reconnectMaxMs = 10000;
        bool reportStatus = true;
    };

    explicit TvApp(TvConfig config);
    TvApp(TvConfig config, Seams seams, QObject *parent = nullptr);
    ~TvApp() override;

    // Shows the cached state at once, then connects. Fails only if the cache cannot be opened.
    Status start();
    void stop();

    const TvConfig &config() const { return m_config; }
    CallFeed &feed() { return *m_feed; }
    AnnouncementQueue &queue() { return *m_queue; }
    TvDisplay &display() { return *m_display; }
    EventStreamClient &stream() { return *m_stream; }
    StatusReporter *status() { return m_status.get(); }
    QString cachePath() const;
    void flushCache(); // waits until every queued cache write is on disk

Q_SIGNALS:
    // The server refused this TV's token (revoked in the console, or not a TV's): on the event
    // stream when it (re)connects, or on the next status report.
    void tokenRefused();

private:
    void fetchLogoIfNew();
    // A reason for staff (a refused token, a missing setting): logged and sent with the
    // device status the admin sees, never shown to the waiting room.
    void reportProblem(const QString &reason);

    TvConfig m_config;
    SystemClock m_systemClock;
    const Clock &m_clock;
    KioskHealth m_health;
    std::unique_ptr<voice::VoiceProcess> m_voice;
    std::unique_ptr<CacheWriter> m_cache;
    std::unique_ptr<CallFeed> m_feed;
    std::unique_ptr<AnnouncementQueue> m_queue;
    std::unique_ptr<TvDisplay> m_display;
    std::unique_ptr<EventStreamClient> m_stream;
    std::unique_ptr<StatusReporter> m_status;
};

} // namespace clinico::tv
