// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "announce/voicemessages.h"

#include <QObject>
#include <QSocketNotifier>

namespace clinico::voice {

class TtsAnnouncer;

// The inside of clinico-voice: reads VoiceRequest lines from a file descriptor (stdin),
// says each through the TtsAnnouncer, and writes one VoiceReply line per request to another
// (stdout). A request that interrupts cuts short the one being said and answers the waiting
// ones at once (they are outdated). Quits when the app closes its end. Whatever blocks here
// blocks only this process; the app kills it when it misses its deadline.
class VoiceWorker : public QObject
{
    Q_OBJECT
public:
    VoiceWorker(TtsAnnouncer &announcer, int inFd, int outFd, QObject *parent = nullptr);

Q_SIGNALS:
    void inputClosed();

private:
    void readInput();
    void take(const QByteArray &line);
    void startNext();
    void reply(bool ok, const QString &problem);

    TtsAnnouncer &m_announcer;
    int m_outFd;
    QSocketNotifier m_input;
    QByteArray m_buffer;
    struct Waiting
    {
        Result<VoiceRequest> request;
        bool outdated = false; // an interrupting request came after it: answered, not said
    };
    QList<Waiting> m_waiting;
    bool m_busy = false;
};

} // namespace clinico::voice
