// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"

#include <QHash>
#include <QList>
#include <QString>

namespace clinico::server {

// Slows down password guessing: after too many failures in a window, an account (any
// address) or an address (any account) is refused until the window has passed. Kept in
// memory: a restart forgets it, which costs an attacker a restart they cannot cause.
class LoginThrottle
{
public:
    static constexpr int kMaxFailuresPerAccount = 5;
    static constexpr int kMaxFailuresPerAddress = 20;
    static constexpr qint64 kWindowMs = 15 * 60 * 1000;

    explicit LoginThrottle(const Clock &clock)
        : m_clock(clock)
    { }

    // Seconds to wait before this login may be tried; 0: go ahead.
    int retryAfterSeconds(const QString &username, const QString &address);
    // Every attempt counts as a failure until its password checks out, so attempts checked in
    // parallel cannot slip past the limit.
    void recordFailure(const QString &username, const QString &address);
    // The attempt just recorded was right: the account starts afresh and the address gets
    // that attempt back.
    void recordSuccess(const QString &username, const QString &address);

private:
    int retryAfter(const QString &key, int maxFailures);
    void prune(QList<qint64> &failures);

    const Clock &m_clock;
    QHash<QString, QList<qint64>> m_failures; // "u:name" / "a:address" -> failure times
};

} // namespace clinico::server
