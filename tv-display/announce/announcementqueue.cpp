// SPDX-License-Identifier: GPL-3.0-or-later
#include "announce/announcementqueue.h"

#include "announce/announcer.h"
#include "announce/phrasing.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcQueue, "clinico.tv.announce")

namespace clinico::tv {

AnnouncementQueue::AnnouncementQueue(
    voice::Announcer *announcer, const Clock &clock, Options options, QObject *parent)
    : QObject(parent)
    , m_announcer(announcer)
    , m_clock(clock)
    , m_options(options)
{
    m_minTimer.setSingleShot(true);
    m_minTimer.setTimerType(Qt::PreciseTimer);
    m_watchdog.setSingleShot(true);
    connect(&m_minTimer, &QTimer::timeout, this, [this] {
        m_shownLongEnough = true;
        maybeFinish();
    });
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        qCWarning(lcQueue) << "announcement of" << m_current.code << "did not finish in time; going on";
        if (m_announcer)
            m_announcer->abandon();
        m_spoken = true;
        maybeFinish();
    });
    if (m_announcer)
        connect(m_announcer, &voice::Announcer::finished, this, [this] {
            if (!m_busy || m_spoken)
                return; // late finish after the watchdog fired: already moved on
            m_watchdog.stop();
            m_spoken = true;
            maybeFinish();
        });
}

bool AnnouncementQueue::isQuietNow() const
{
    return m_options.quietHours.contains(m_clock.now().toLocalTime().time());
}

void AnnouncementQueue::enqueue(const protocol::CallAnnouncement &call)
{
    m_queue.enqueue(call);
    if (!m_busy)
        startNext();
}

void AnnouncementQueue::clear()
{
    m_queue.clear();
}

void AnnouncementQueue::startNext()
{
    if (m_queue.isEmpty()) {
        m_busy = false;
        Q_EMIT idle();
        return;
    }
    m_busy = true;
    m_current = m_queue.dequeue();
    const QString text = voice::Phrasing::spokenText(m_current);
    const bool audible
        = m_announcer && (m_options.speech || m_options.chime) && m_options.volume > 0 && !isQuietNow();
    m_spoken = !audible;
    m_shownLongEnough = m_options.minPresentMs <= 0;
    qCInfo(lcQueue) << "announcing" << m_current.code << (audible ? "aloud" : "silently") << m_queue.size()
                    << "waiting";
    Q_EMIT started(m_current, text);
    if (!m_shownLongEnough)
        m_minTimer.start(m_options.minPresentMs);
    if (audible) {
        m_watchdog.start(m_options.watchdogBaseMs + m_options.watchdogPerCharMs * int(text.size()));
        m_announcer->announce(m_options.speech ? text : QString(), m_options.chime, m_options.volume);
    }
    maybeFinish();
}

void AnnouncementQueue::maybeFinish()
{
    if (!m_busy || !m_spoken || !m_shownLongEnough)
        return;
    m_minTimer.stop();
    m_watchdog.stop();
    const protocol::CallAnnouncement done = m_current;
    m_busy = false;
    Q_EMIT finished(done);
    // Queued: a listener of finished() must not see the next start() nested inside its slot.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_busy)
                startNext();
        },
        Qt::QueuedConnection);
}

} // namespace clinico::tv
