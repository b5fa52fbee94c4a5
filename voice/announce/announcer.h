// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace clinico::voice {

// The seam where an app makes sound: a chime (when asked) and then the spoken text.
// finished() once for every announcement, when it is over (or failed: the app must go on).
// VoiceProcess is the real one (TtsAnnouncer in a child process); tests use a recorder.
class Announcer : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    // One at a time (the TV's queue waits for finished()); volume 0..1.
    virtual void announce(const QString &text, bool chime, double volume) = 0;
    // Say this now, cutting short what is being said and what waits (the totem's audio guide:
    // a key press outdates the screen's instructions), in the language given ("pt_BR", "en",
    // "es"). The cut announcements still finish. One that cannot cut says it next.
    virtual void sayNow(const QString &text, double volume, const QString &language)
    {
        Q_UNUSED(language)
        announce(text, false, volume);
    }
    // The announcements missed their deadline and the app has moved on: stop them, no finished().
    virtual void abandon() { }

Q_SIGNALS:
    void finished();
};

} // namespace clinico::voice
