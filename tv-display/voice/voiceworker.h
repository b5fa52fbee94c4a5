// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSocketNotifier>

namespace clinico::tv {

class TtsAnnouncer;

// The inside of clinico-tv-voice: reads VoiceRequest lines from a file descriptor (stdin),
// says each through the TtsAnnouncer, and writes one VoiceReply line per request to another
// (stdout). Quits when the TV closes its end. Whatever blocks here blocks only this process;
// the TV kills it when it misses its deadline.
class VoiceWorker : public QObject
{
    Q_OBJECT
public:
    VoiceWorker(TtsAnnouncer &announcer, int inFd, int outFd, QObject *parent = nullptr);

Q_SIGNALS:
    void inputClosed();

private:
    void readInput();
    void startNext();
    void reply(bool ok, const QString &problem);

    TtsAnnouncer &m_announcer;
    int m_outFd;
    QSocketNotifier m_input;
    QByteArray m_buffer;
    QList<QByteArray> m_lines;
    bool m_busy = false;
};

} // namespace clinico::tv
