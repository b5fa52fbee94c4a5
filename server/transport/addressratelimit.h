// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"

#include <QHash>
#include <QList>
#include <QString>

namespace clinico::server {

// At most `limit` requests per address in a sliding window, for routes anyone may call that
// write something (an enrolment request). Kept in memory, like the login throttle.
class AddressRateLimit
{
public:
    AddressRateLimit(const Clock &clock, int limit, qint64 windowMs)
        : m_clock(clock)
        , m_limit(limit)
        , m_windowMs(windowMs)
    { }

    // 0 and counted: go ahead. Otherwise the seconds until this address may ask again.
    int take(const QString &address);

private:
    const Clock &m_clock;
    int m_limit;
    qint64 m_windowMs;
    QHash<QString, QList<qint64>> m_seen;
};

} // namespace clinico::server
