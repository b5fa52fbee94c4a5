// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "announce/announcer.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QTimer>

namespace clinico::test {

// An Announcer with no sound card: it records what would be said and "speaks" for a while.
// It counts an announce() while still speaking as an overlap (the TV's queue must never), and
// a sayNow() while speaking as a cut (the totem's guide does it on purpose). A negative speakMs
// never finishes: a voice that hangs.
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
        speak();
    }
    void sayNow(const QString &text, double volume, const QString &language) override
    {
        if (m_busy) {
            ++cuts;
            Q_EMIT finished(); // the cut one is over
        }
        m_busy = true;
        texts << text;
        languages << language;
        lastVolume = volume;
        speak();
    }
    void abandon() override
    {
        ++abandons;
        m_busy = false;
        m_timer.stop();
    }
    QString lastText() const { return texts.isEmpty() ? QString() : texts.constLast(); }
    QStringList texts;
    QStringList languages; // of sayNow()
    int overlaps = 0;
    int cuts = 0;
    int abandons = 0;
    int chimes = 0;
    double lastVolume = -1;

private:
    void speak()
    {
        if (m_speakMs >= 0)
            m_timer.start(m_speakMs);
    }
    int m_speakMs;
    bool m_busy = false;
    QTimer m_timer;
};

} // namespace clinico::test
