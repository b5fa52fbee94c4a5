// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "flow/totemflow.h"

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace clinico::voice {
class Announcer;
}

namespace clinico::totem {

// The audio guide, for patients who cannot read the screen ("Ouvir instruções", or the * key):
// while the flow's audioGuide is on, each screen is said as it appears (what it asks and how to
// answer), each key of the CPF keypad is echoed, the choice under the keypad's focus ring is
// read with its meaning, and the ticket screen says the code and where to wait. Each new
// text cuts short the one being said (Announcer::sayNow), in the patient's language.
//
// Privacy: on the loudspeaker the CPF digits are never said, only how many are missing; they
// are read back only when the totem's sound goes to headphones (audio/headphones=true).
//
// The screen never waits for the voice: the texts go to the voice process (VoiceProcess), and a
// voice that does not finish by its deadline is abandoned (killed, tried again later).
// What is said is decided here, from the flow's state: testable without a window or a sound card.
class AudioGuide : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool headphones READ headphones CONSTANT)
public:
    struct Options
    {
        bool headphones = false;
        double volume = 0.8; // 0..1
        int deadlineBaseMs = 8000; // then the voice is abandoned
        int deadlinePerCharMs = 120;
    };
    // voice: not owned; null for a totem without one (nothing is said).
    AudioGuide(TotemFlow &flow, voice::Announcer *voice, Options options, QObject *parent = nullptr);
    ~AudioGuide() override;

    // The instance the app made, handed to QML (QML_SINGLETON's create()).
    static void setInstance(AudioGuide *guide);
    static AudioGuide *create(QQmlEngine *qml, QJSEngine *js);

    bool headphones() const { return m_options.headphones; }

    // The keypad's focus ring moved onto a choice: say it (and what it means).
    Q_INVOKABLE void describeService(qint64 serviceId);
    Q_INVOKABLE void describePriority(const QString &key);

    // What the guide says, for the flow as it is now.
    QString screenText() const;
    QString cpfEditText(TotemFlow::CpfEdit edit) const;
    QString serviceText(qint64 serviceId) const;
    QString priorityText(const QString &key) const;

private:
    void onActiveChanged();
    void say(const QString &text); // when the guide is on
    void speak(const QString &text);
    QString spokenCode() const;
    QString spokenDigits(const QString &digits) const;

    TotemFlow &m_flow;
    voice::Announcer *m_voice;
    Options m_options;
    int m_outstanding = 0; // texts sent and not finished
    QTimer m_deadline;
};

} // namespace clinico::totem
