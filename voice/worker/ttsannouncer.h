// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "announce/announcer.h"

#include <QPointer>
#include <QTextToSpeech>

namespace clinico::voice {

class Chime;

// The chime on ALSA, then Qt TextToSpeech on a named engine (speechd: its espeak-ng voice
// has pt_BR; Qt picks engines in no fixed order, so never rely on the default) in Brazilian
// Portuguese, or the language asked for when the engine has it. libspeechd and ALSA can block
// forever, so this runs only inside the voice process (clinico-voice), never in an app's GUI
// thread: the apps talk to it through VoiceProcess.
class TtsAnnouncer final : public Announcer
{
    Q_OBJECT
public:
    TtsAnnouncer(const QString &engine, const QString &chimeDevice, QObject *parent = nullptr);
    ~TtsAnnouncer() override;

    void announce(const QString &text, bool chime, double volume) override;
    // Cut short what is being said: finished() follows (a chime already playing ends first).
    void stop();
    // For the next announcements ("pt_BR", "en", "es"); Brazilian Portuguese when the engine
    // has no voice for it.
    void setLanguage(const QString &language);
    bool hasPortugueseVoice()
    {
        ensureEngine();
        return m_portuguese;
    }
    QString engineName() const { return m_engine; }
    // What went wrong in the last announcement (the chime's device, the engine), for the
    // admin; empty when all of it was heard.
    QString problem() const { return m_problem; }

private:
    // Connecting to speech-dispatcher can take seconds the first time (it is spawned), so it
    // happens after the first frame, or at the first announcement if that comes sooner.
    void ensureEngine();
    // The engine's voice for m_language (Portuguese when it has none): whether it has one.
    bool selectLocale();
    void speak();
    void onStateChanged(QTextToSpeech::State state);

    QString m_engine;
    QString m_language = QStringLiteral("pt_BR");
    QTextToSpeech *m_tts = nullptr;
    Chime *m_chime = nullptr;
    QString m_pending;
    QString m_problem;
    bool m_speaking = false;
    bool m_busy = false;
    bool m_portuguese = false;
};

} // namespace clinico::voice
