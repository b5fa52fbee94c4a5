// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "storage/database.h"
#include "storage/unitofwork.h"

#include <QString>

namespace clinico::server {

// Slows down password guessing: after too many failures in a window, an account (any
// address) or an address (any account) is refused until the window has passed. The failures
// are kept in the database (table login_failures), so every instance on it counts them
// together: nginx handing an attacker's guesses to each instance in turn gains nothing.
class LoginThrottle
{
public:
    static constexpr int kMaxFailuresPerAccount = 5;
    static constexpr int kMaxFailuresPerAddress = 20;
    static constexpr qint64 kWindowMs = 15 * 60 * 1000;

    LoginThrottle(Database &db, UnitOfWork &work, const Clock &clock)
        : m_db(db)
        , m_work(work)
        , m_clock(clock)
    { }

    // Seconds to wait before this login may be tried; 0: go ahead.
    Result<int> retryAfterSeconds(const QString &username, const QString &address);
    // Every attempt counts as a failure until its password checks out, so attempts checked in
    // parallel cannot slip past the limit. Failures that left the window are deleted here.
    Status recordFailure(const QString &username, const QString &address);
    // The attempt just recorded was right: the account starts afresh and the address gets
    // that attempt back.
    Status recordSuccess(const QString &username, const QString &address);

private:
    Result<int> retryAfter(const QString &subject, int maxFailures);

    Database &m_db;
    UnitOfWork &m_work;
    const Clock &m_clock;
};

} // namespace clinico::server
