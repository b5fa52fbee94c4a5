// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/servicemanager.h"

#include <systemd/sd-daemon.h>

#include <cstdlib>

namespace clinico {

namespace {
void notify(const QByteArray &state)
{
    sd_notify(0, state.constData());
}
} // namespace

ServiceManager::ServiceManager(QObject *parent)
    : QObject(parent)
{ }

bool ServiceManager::isSupervised()
{
    return qEnvironmentVariableIsSet("NOTIFY_SOCKET");
}

std::chrono::microseconds ServiceManager::watchdogInterval()
{
    bool ok = false;
    const qint64 usec = qEnvironmentVariable("WATCHDOG_USEC").toLongLong(&ok);
    return std::chrono::microseconds(ok && usec > 0 ? usec : 0);
}

void ServiceManager::notifyReady(const QString &status)
{
    notify(status.isEmpty() ? QByteArrayLiteral("READY=1") : "READY=1\nSTATUS=" + status.toUtf8());
}

void ServiceManager::notifyStatus(const QString &status)
{
    notify("STATUS=" + status.toUtf8());
}

void ServiceManager::notifyStopping()
{
    notify(QByteArrayLiteral("STOPPING=1"));
}

void ServiceManager::startWatchdog()
{
    const auto interval = watchdogInterval();
    if (!isSupervised() || interval.count() == 0 || m_watchdog.isActive())
        return;
    connect(&m_watchdog, &QTimer::timeout, this, [] { notify(QByteArrayLiteral("WATCHDOG=1")); });
    m_watchdog.start(std::chrono::duration_cast<std::chrono::milliseconds>(interval / 3));
    notify(QByteArrayLiteral("WATCHDOG=1"));
}

} // namespace clinico
