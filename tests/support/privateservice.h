// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>

#include <functional>

namespace clinico::test {

// What every private service a test starts (PostgreSQL, nginx) needs: a port, a way to tell
// it is ready, and a way to stop it by its PID.

// A loopback port nothing listens on right now, for a private service to take.
quint16 freeLoopbackPort();

// Waits until the started `process` is `ready()`, or it exits, or the time runs out; true
// when it is running and ready.
bool waitUntilReady(QProcess &process, const std::function<bool()> &ready, int timeoutMs);

// Sends `signal` to a running `process` and waits `graceMs` for it to exit, then kills it.
void stopWith(QProcess &process, int signal, int graceMs);

} // namespace clinico::test
