// SPDX-License-Identifier: GPL-3.0-or-later
#include "voice/voiceworker.h"

#include "announce/voicemessages.h"
#include "voice/ttsannouncer.h"

#include <QLoggingCategory>

#include <cerrno>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcVoiceWorker, "clinico.tv.voice")

namespace clinico::tv {

VoiceWorker::VoiceWorker(TtsAnnouncer &announcer, int inFd, int outFd, QObject *parent)
    : QObject(parent)
    , m_announcer(announcer)
    , m_outFd(outFd)
    , m_input(inFd, QSocketNotifier::Read)
{
    connect(&m_input, &QSocketNotifier::activated, this, &VoiceWorker::readInput);
    connect(&m_announcer, &Announcer::finished, this, [this] {
        m_busy = false;
        const QString problem = m_announcer.problem();
        reply(problem.isEmpty(), problem);
        startNext();
    });
}

void VoiceWorker::readInput()
{
    char chunk[4096];
    const ssize_t n = ::read(int(m_input.socket()), chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        m_input.setEnabled(false);
        Q_EMIT inputClosed();
        return;
    }
    m_buffer.append(chunk, n);
    for (qsizetype end; (end = m_buffer.indexOf('\n')) >= 0;) {
        m_lines << m_buffer.left(end);
        m_buffer.remove(0, end + 1);
    }
    if (m_buffer.size() > kMaxVoiceLineBytes) {
        qCWarning(lcVoiceWorker) << "request line too long; dropped";
        m_buffer.clear();
        m_lines << QByteArray(); // answered as malformed, so the TV's replies stay in step
    }
    startNext();
}

void VoiceWorker::startNext()
{
    if (m_busy || m_lines.isEmpty())
        return;
    auto request = VoiceRequest::fromLine(m_lines.takeFirst());
    if (!request) {
        reply(false, QStringLiteral("pedido inválido: %1").arg(request.error().message));
        return startNext();
    }
    m_busy = true;
    m_announcer.announce(request->text, request->chime, request->volume);
}

void VoiceWorker::reply(bool ok, const QString &problem)
{
    const QByteArray line = VoiceReply { ok, problem }.toLine();
    for (qsizetype done = 0; done < line.size();) {
        const ssize_t n = ::write(m_outFd, line.constData() + done, size_t(line.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; // the TV is gone
        done += n;
    }
}

} // namespace clinico::tv
