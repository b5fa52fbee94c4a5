// SPDX-License-Identifier: GPL-3.0-or-later
#include "announce/voiceprocess.h"

#include "announce/voicemessages.h"

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcVoice, "clinico.voice")

namespace clinico::voice {

VoiceProcess::VoiceProcess(Options options, QObject *parent)
    : Announcer(parent)
    , m_options(std::move(options))
    , m_retryMs(m_options.retryInitialMs)
{ }

VoiceProcess::~VoiceProcess()
{
    stopWorker();
}

QString VoiceProcess::defaultProgram()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("clinico-voice"));
}

void VoiceProcess::announce(const QString &text, bool chime, double volume)
{
    send(VoiceRequest { text, chime, volume });
}

void VoiceProcess::sayNow(const QString &text, double volume, const QString &language)
{
    send(VoiceRequest { text, false, volume, true, language });
}

void VoiceProcess::send(const VoiceRequest &request)
{
    ++m_outstanding;
    if (!m_retryAt.hasExpired() || (!m_worker && !startWorker())) {
        // Shown silently: finished() later, never from inside announce().
        QTimer::singleShot(0, this, [this] { done(false, m_problem, false); });
        return;
    }
    // Into the pipe's buffer: never waits for the voice.
    m_worker->write(request.toLine());
}

void VoiceProcess::abandon()
{
    if (m_outstanding == 0)
        return;
    qCWarning(lcVoice) << "the voice did not finish in time; stopping it";
    stopWorker();
    m_outstanding = 0; // the app has already moved on: no finished()
    backOff();
    setAudio(false, QStringLiteral("a voz não terminou a tempo"));
}

bool VoiceProcess::startWorker()
{
    m_worker = std::make_unique<QProcess>();
    m_worker->setProcessChannelMode(QProcess::ForwardedErrorChannel); // its log joins ours
    QProcess *worker = m_worker.get();
    connect(worker, &QProcess::readyReadStandardOutput, this, &VoiceProcess::readReplies);
    connect(worker, &QProcess::finished, this, [this, worker](int code, QProcess::ExitStatus status) {
        if (worker != m_worker.get())
            return;
        onWorkerGone(status == QProcess::CrashExit
                ? QStringLiteral("o processo de voz parou de repente")
                : QStringLiteral("o processo de voz saiu (código %1)").arg(code));
    });
    m_worker->start(m_options.program, m_options.arguments);
    if (!m_worker->waitForStarted(2000)) { // fork and exec only: never waits for the child's work
        const QString why = QStringLiteral("não foi possível iniciar %1: %2")
                                .arg(m_options.program, m_worker->errorString());
        qCWarning(lcVoice).noquote() << why;
        stopWorker();
        backOff();
        setAudio(false, why);
        return false;
    }
    m_buffer.clear();
    return true;
}

void VoiceProcess::stopWorker()
{
    if (!m_worker)
        return;
    QProcess *worker = m_worker.release();
    worker->disconnect(this);
    if (worker->state() == QProcess::NotRunning) {
        worker->deleteLater();
        return;
    }
    // SIGKILL, then reaped when it is gone: ~QProcess would wait for it on this thread.
    connect(worker, &QProcess::finished, worker, &QObject::deleteLater);
    worker->kill();
}

void VoiceProcess::readReplies()
{
    m_buffer += m_worker->readAllStandardOutput();
    for (qsizetype end; (end = m_buffer.indexOf('\n')) >= 0;) {
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        auto reply = VoiceReply::fromLine(line);
        if (!reply) {
            qCWarning(lcVoice) << "unreadable reply from the voice process:" << reply.error().message;
            stopWorker();
            return done(false, QStringLiteral("resposta ilegível do processo de voz"), true);
        }
        done(reply->ok, reply->problem, false);
    }
    if (m_buffer.size() > kMaxVoiceLineBytes) {
        stopWorker();
        done(false, QStringLiteral("resposta ilegível do processo de voz"), true);
    }
}

void VoiceProcess::onWorkerGone(const QString &why)
{
    qCWarning(lcVoice).noquote() << why;
    stopWorker();
    done(false, why, true);
}

void VoiceProcess::done(bool ok, const QString &problem, bool workerFailed)
{
    if (m_outstanding == 0)
        return;
    const int over = workerFailed ? m_outstanding : 1;
    m_outstanding -= over;
    if (workerFailed)
        backOff();
    setAudio(ok, problem);
    for (int i = 0; i < over; ++i)
        Q_EMIT finished();
}

void VoiceProcess::backOff()
{
    m_retryAt.setRemainingTime(m_retryMs);
    m_retryMs = std::min(m_retryMs * 2, m_options.retryMaxMs);
}

void VoiceProcess::setAudio(bool available, const QString &problem)
{
    if (available)
        m_retryMs = m_options.retryInitialMs;
    if (m_available == available && m_problem == problem)
        return;
    if (available)
        qCInfo(lcVoice) << "audio is back";
    else
        qCWarning(lcVoice).noquote() << "no audio:" << problem;
    m_available = available;
    m_problem = problem;
    Q_EMIT audioChanged();
}

} // namespace clinico::voice
