// SPDX-License-Identifier: GPL-3.0-or-later
#include "users/loginthrottle.h"

#include <QSqlQuery>

#include <algorithm>

namespace clinico::server {

using namespace Qt::StringLiterals;

namespace {
QString accountSubject(const QString &username)
{
    return u"u:"_s + username.toLower();
}
QString addressSubject(const QString &address)
{
    return u"a:"_s + address;
}
} // namespace

Result<int> LoginThrottle::retryAfter(const QString &subject, int maxFailures)
{
    const qint64 now = m_clock.nowMs();
    // The newest `maxFailures` failures still in the window.
    QSqlQuery &q = m_db.connection().cached(
        u"SELECT at_ms FROM login_failures WHERE subject = ? AND at_ms > ? ORDER BY at_ms DESC LIMIT %1"_s
            .arg(maxFailures));
    if (!SqlConnection::exec(q, { subject, now - kWindowMs }))
        return SqlConnection::errorFrom(q, u"loginThrottle"_s);
    int count = 0;
    qint64 oldest = 0;
    while (q.next()) {
        ++count;
        oldest = q.value(0).toLongLong();
    }
    q.finish();
    if (count < maxFailures)
        return 0;
    // Open again when the oldest of them leaves the window.
    return int(std::max<qint64>(1, (oldest + kWindowMs - now + 999) / 1000));
}

Result<int> LoginThrottle::retryAfterSeconds(const QString &username, const QString &address)
{
    const auto account = retryAfter(accountSubject(username), kMaxFailuresPerAccount);
    if (!account)
        return account;
    const auto byAddress = retryAfter(addressSubject(address), kMaxFailuresPerAddress);
    if (!byAddress)
        return byAddress;
    return std::max(*account, *byAddress);
}

Status LoginThrottle::recordFailure(const QString &username, const QString &address)
{
    const qint64 now = m_clock.nowMs();
    return m_work.run<Ok>([&]() -> Status {
        SqlConnection &sql = m_db.connection();
        QSqlQuery &expired = sql.cached(u"DELETE FROM login_failures WHERE at_ms <= ?"_s);
        if (!SqlConnection::exec(expired, { now - kWindowMs }))
            return SqlConnection::errorFrom(expired, u"loginThrottle"_s);
        QSqlQuery &add = sql.cached(u"INSERT INTO login_failures(subject, at_ms) VALUES(?, ?)"_s);
        for (const QString &subject : { accountSubject(username), addressSubject(address) }) {
            if (!SqlConnection::exec(add, { subject, now }))
                return SqlConnection::errorFrom(add, u"loginThrottle"_s);
        }
        return Ok {};
    });
}

Status LoginThrottle::recordSuccess(const QString &username, const QString &address)
{
    return m_work.run<Ok>([&]() -> Status {
        SqlConnection &sql = m_db.connection();
        QSqlQuery &account = sql.cached(u"DELETE FROM login_failures WHERE subject = ?"_s);
        if (!SqlConnection::exec(account, { accountSubject(username) }))
            return SqlConnection::errorFrom(account, u"loginThrottle"_s);
        QSqlQuery &latest = sql.cached(u"DELETE FROM login_failures WHERE id ="
                                       " (SELECT MAX(id) FROM login_failures WHERE subject = ?)"_s);
        if (!SqlConnection::exec(latest, { addressSubject(address) }))
            return SqlConnection::errorFrom(latest, u"loginThrottle"_s);
        return Ok {};
    });
}

} // namespace clinico::server
