// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace clinico {

// What systemd (the service manager) hears from a Clinico program: READY once it serves (a
// kiosk app: once its first frame is on screen), WATCHDOG while its event loop turns, and
// STATUS lines for `systemctl status`. Outside systemd (a developer's shell, a test) every
// call does nothing.
class ServiceManager : public QObject
{
    Q_OBJECT
public:
    explicit ServiceManager(QObject *parent = nullptr);

    // True when a service manager listens (NOTIFY_SOCKET is set).
    static bool isSupervised();
    // How often systemd expects a ping; zero without a watchdog. Read from WATCHDOG_USEC alone:
    // under the cage compositor WATCHDOG_PID names cage, and the app (NotifyAccess=all) pings
    // for the whole unit.
    static std::chrono::microseconds watchdogInterval();

    void notifyReady(const QString &status = {});
    void notifyStatus(const QString &status);
    void notifyStopping();
    // Pings at a third of the interval from a timer on this object's thread, so a frozen event
    // loop (a hung GUI thread in a kiosk) stops the pings and systemd restarts the program.
    void startWatchdog();

private:
    QTimer m_watchdog;
};

} // namespace clinico

namespace clinico {

// Runs `shown` once, on `context`'s thread, after `window` first put a frame on screen. A
// template so the shared library needs no Qt Quick: Window is a QQuickWindow, whose
// frameSwapped comes from the render thread.
template<typename Window, typename Shown> void onFirstFrame(Window *window, QObject *context, Shown shown)
{
    QObject::connect(
        window, &Window::frameSwapped, context,
        [window, context, shown] {
            if (QObject::disconnect(window, &Window::frameSwapped, context, nullptr))
                shown();
        },
        Qt::QueuedConnection);
}

} // namespace clinico
