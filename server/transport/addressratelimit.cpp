// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/addressratelimit.h"

namespace clinico::server {

int AddressRateLimit::take(const QString &address)
{
    const qint64 now = m_clock.nowMs();
    // Forget addresses that went quiet, so the table stays as small as the recent traffic.
    m_seen.removeIf([this, now](const auto &entry) { return entry.value().constLast() <= now - m_windowMs; });
    QList<qint64> &times = m_seen[address];
    times.removeIf([this, now](qint64 at) { return at <= now - m_windowMs; });
    if (times.size() >= m_limit)
        return int(std::max<qint64>(1, (times.constFirst() + m_windowMs - now + 999) / 1000));
    times << now;
    return 0;
}

} // namespace clinico::server
