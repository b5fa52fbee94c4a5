// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace clinico::tv {

// The seam where the TV makes sound: a chime (when asked) and then the spoken text.
// One announcement at a time; finished() once it is over (or failed: the queue must go on).
// VoiceProcess is the real one (TtsAnnouncer in a child process); tests use a recorder.
class Announcer : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    // volume 0..1
    virtual void announce(const QString &text, bool chime, double volume) = 0;
    // The announcement missed its deadline and the queue has moved on: stop it, no finished().
    virtual void abandon() { }

Q_SIGNALS:
    void finished();
};

} // namespace clinico::tv
