// SPDX-License-Identifier: GPL-3.0-or-later
#include "worker/voiceworker.h"

#include "announce/voicemessages.h"
#include "worker/ttsannouncer.h"

#include <QLoggingCategory>

#include <cerrno>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcVoiceWorker, "clinico.voice.worker")

namespace clinico::voice {

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
        take(m_buffer.left(end));
        m_buffer.remove(0, end + 1);
    }
    if (m_buffer.size() > kMaxVoiceLineBytes) {
        qCWarning(lcVoiceWorker) << "request line too long; dropped";
        m_buffer.clear();
        take(QByteArray()); // answered as malformed, so the app's replies stay in step
    }
    startNext();
}

void VoiceWorker::take(const QByteArray &line)
{
    auto request = VoiceRequest::fromLine(line);
    if (request && request->interrupt) {
        for (Waiting &w : m_waiting)
            w.outdated = true;
        if (m_busy)
            m_announcer.stop(); // its finished() answers it and goes on
    }
    m_waiting << Waiting { std::move(request) };
}

void VoiceWorker::startNext()
{
    if (m_busy || m_waiting.isEmpty())
        return;
    const Waiting next = m_waiting.takeFirst();
    const Result<VoiceRequest> &request = next.request;
    if (next.outdated) {
        reply(true, QString());
        return startNext();
    }
    if (!request) {
        reply(false, QStringLiteral("pedido inválido: %1").arg(request.error().message));
        return startNext();
    }
    m_busy = true;
    m_announcer.setLanguage(request->language);
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

} // namespace clinico::voice
