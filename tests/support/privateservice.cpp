// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/privateservice.h"

#include "support/testclients.h"

#include <QTcpServer>

#include <csignal>

namespace clinico::test {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool waitUntilReady(QProcess &process, const std::function<bool()> &ready, int timeoutMs)
{
    if (!process.waitForStarted(5000))
        return false;
    return spinUntil([&] { return process.state() == QProcess::NotRunning || ready(); }, timeoutMs)
        && process.state() == QProcess::Running;
}

void stopWith(QProcess &process, int signal, int graceMs)
{
    if (process.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(process.processId()), signal);
    if (!process.waitForFinished(graceMs)) {
        process.kill();
        process.waitForFinished(5000);
    }
}

} // namespace clinico::test
