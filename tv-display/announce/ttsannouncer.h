// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "announce/announcer.h"

#include <QPointer>
#include <QTextToSpeech>

namespace clinico::tv {

class Chime;

// The real announcer: the chime on ALSA, then Qt TextToSpeech on a named engine (speechd:
// its espeak-ng voice has pt_BR; Qt picks engines in no fixed order, so never rely on the
// default) in Brazilian Portuguese.
class TtsAnnouncer final : public Announcer
{
    Q_OBJECT
public:
    TtsAnnouncer(const QString &engine, const QString &chimeDevice, QObject *parent = nullptr);
    ~TtsAnnouncer() override;

    void announce(const QString &text, bool chime, double volume) override;
    bool hasPortugueseVoice()
    {
        ensureEngine();
        return m_portuguese;
    }
    QString engineName() const { return m_engine; }

private:
    // Connecting to speech-dispatcher can take seconds the first time (it is spawned), so it
    // happens after the first frame, or at the first announcement if that comes sooner.
    void ensureEngine();
    void speak();
    void onStateChanged(QTextToSpeech::State state);

    QString m_engine;
    QString m_chimeDevice;
    QTextToSpeech *m_tts = nullptr;
    Chime *m_chime = nullptr;
    QString m_pending;
    bool m_speaking = false;
    bool m_busy = false;
    bool m_portuguese = false;
};

} // namespace clinico::tv
