// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "announce/announcer.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QStringList>

#include <optional>

#include <memory>

namespace clinico::voice {

struct VoiceRequest;

// The apps' announcer (the TV's call-outs, the totem's audio guide): the chime and the voice
// run in a child process (clinico-voice), so nothing the sound stack does can block the GUI
// thread. The app only writes a line and waits for one, asynchronously. A voice that misses
// its deadline (the app calls abandon()) is killed; one that crashes is noticed; either way
// what it was saying is over and audio is "unavailable" with the reason, for the device
// status. While unavailable, calls are shown silently, and the voice is tried again after a
// backoff (30 s, doubling to 5 min): the first call after it recovers is spoken, and audio is
// available again.
class VoiceProcess final : public Announcer
{
    Q_OBJECT
public:
    struct Options
    {
        QString program; // defaultProgram(), or a stand-in in tests
        QStringList arguments;
        int retryInitialMs = 30000;
        int retryMaxMs = 5 * 60 * 1000;
    };

    explicit VoiceProcess(Options options, QObject *parent = nullptr);
    ~VoiceProcess() override;

    // clinico-voice next to the running program (both are in /usr/bin).
    static QString defaultProgram();

    void announce(const QString &text, bool chime, double volume) override;
    void sayNow(const QString &text, double volume, const QString &language) override;
    void abandon() override;

    // Null until the first announcement tells.
    std::optional<bool> audioAvailable() const { return m_available; }
    QString problem() const { return m_problem; }
    qint64 workerPid() const { return m_worker ? m_worker->processId() : 0; }

Q_SIGNALS:
    void audioChanged();

private:
    void send(const VoiceRequest &request);
    bool startWorker();
    void stopWorker();
    void readReplies();
    void onWorkerGone(const QString &why);
    // An announcement is over. workerFailed: it hung, crashed or could not start, so all it
    // held is over, and it waits before being tried again (a voice that answers, even with a
    // problem, is tried on every call).
    void done(bool ok, const QString &problem, bool workerFailed);
    void backOff();
    void setAudio(bool available, const QString &problem);

    Options m_options;
    std::unique_ptr<QProcess> m_worker;
    QByteArray m_buffer;
    int m_outstanding = 0; // requests sent and not answered
    std::optional<bool> m_available;
    QString m_problem;
    QDeadlineTimer m_retryAt { 0 };
    int m_retryMs;
};

} // namespace clinico::voice
