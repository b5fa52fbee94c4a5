// SPDX-License-Identifier: GPL-3.0-or-later
#include "users/loginthrottle.h"

namespace clinico::server {

namespace {
QString accountKey(const QString &username)
{
    return QStringLiteral("u:") + username.toLower();
}
QString addressKey(const QString &address)
{
    return QStringLiteral("a:") + address;
}
} // namespace

void LoginThrottle::prune(QList<qint64> &failures)
{
    const qint64 since = m_clock.nowMs() - kWindowMs;
    failures.removeIf([since](qint64 at) { return at <= since; });
}

int LoginThrottle::retryAfter(const QString &key, int maxFailures)
{
    auto it = m_failures.find(key);
    if (it == m_failures.end())
        return 0;
    prune(*it);
    if (it->isEmpty()) {
        m_failures.erase(it);
        return 0;
    }
    if (it->size() < maxFailures)
        return 0;
    // Open again when the oldest failure that still counts leaves the window.
    const qint64 opensAt = (*it)[it->size() - maxFailures] + kWindowMs;
    return int(std::max<qint64>(1, (opensAt - m_clock.nowMs() + 999) / 1000));
}

int LoginThrottle::retryAfterSeconds(const QString &username, const QString &address)
{
    return std::max(retryAfter(accountKey(username), kMaxFailuresPerAccount),
        retryAfter(addressKey(address), kMaxFailuresPerAddress));
}

void LoginThrottle::recordFailure(const QString &username, const QString &address)
{
    m_failures[accountKey(username)] << m_clock.nowMs();
    m_failures[addressKey(address)] << m_clock.nowMs();
}

void LoginThrottle::recordSuccess(const QString &username, const QString &address)
{
    m_failures.remove(accountKey(username));
    if (auto it = m_failures.find(addressKey(address)); it != m_failures.end() && !it->isEmpty())
        it->removeLast();
}

} // namespace clinico::server
