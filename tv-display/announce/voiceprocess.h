// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "announce/announcer.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QStringList>

#include <optional>

#include <memory>

namespace clinico::tv {

// The TV's announcer: the chime and the voice run in a child process (clinico-tv-voice), so
// nothing the sound stack does can block the GUI thread. The TV only writes a line and
// waits for one, asynchronously. A voice that misses its deadline (the queue calls
// abandon()) is killed; one that crashes is noticed; either way the call is over and audio
// is "unavailable" with the reason, for the device status. While unavailable, calls are
// shown silently, and the voice is tried again after a backoff (30 s, doubling to 5 min):
// the first call after it recovers is spoken, and audio is available again.
class VoiceProcess final : public Announcer
{
    Q_OBJECT
public:
    struct Options
    {
        QString program; // clinico-tv-voice, or a stand-in in tests
        QStringList arguments;
        int retryInitialMs = 30000;
        int retryMaxMs = 5 * 60 * 1000;
    };

    explicit VoiceProcess(Options options, QObject *parent = nullptr);
    ~VoiceProcess() override;

    void announce(const QString &text, bool chime, double volume) override;
    void abandon() override;

    // Null until the first announcement tells.
    std::optional<bool> audioAvailable() const { return m_available; }
    QString problem() const { return m_problem; }
    qint64 workerPid() const { return m_worker ? m_worker->processId() : 0; }

Q_SIGNALS:
    void audioChanged();

private:
    bool startWorker();
    void stopWorker();
    void readReplies();
    void onWorkerGone(const QString &why);
    // The call is over. workerFailed: it hung, crashed or could not start, so wait before
    // trying it again (a voice that answers, even with a problem, is tried on every call).
    void done(bool ok, const QString &problem, bool workerFailed);
    void backOff();
    void setAudio(bool available, const QString &problem);

    Options m_options;
    std::unique_ptr<QProcess> m_worker;
    QByteArray m_buffer;
    bool m_busy = false;
    std::optional<bool> m_available;
    QString m_problem;
    QDeadlineTimer m_retryAt { 0 };
    int m_retryMs;
};

} // namespace clinico::tv
