// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "announce/announcer.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QTimer>

namespace clinico::test {

// An Announcer with no sound card: it records what would be said and "speaks" for a while.
// It fails the test's expectations if asked to speak while still speaking (an overlap).
class RecordingAnnouncer final : public voice::Announcer
{
    Q_OBJECT
public:
    explicit RecordingAnnouncer(int speakMs = 0)
        : m_speakMs(speakMs)
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_busy = false;
            Q_EMIT finished();
        });
    }
    void announce(const QString &text, bool chime, double volume) override
    {
        if (m_busy)
            ++overlaps;
        m_busy = true;
        texts << text;
        chimes += chime ? 1 : 0;
        lastVolume = volume;
        m_timer.start(m_speakMs);
    }
    QStringList texts;
    int overlaps = 0;
    int chimes = 0;
    double lastVolume = -1;

private:
    int m_speakMs;
    bool m_busy = false;
    QTimer m_timer;
};

} // namespace clinico::test
