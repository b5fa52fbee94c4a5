// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"

#include <QSet>

namespace clinico::tv {

// A TV can show only some services or counters (the lab corridor, the doctors' wing).
// Empty sets mean everything.
struct CallFilter
{
    QSet<qint64> serviceIds;
    QSet<qint64> counterIds;

    bool accepts(const protocol::CallAnnouncement &call) const
    {
        return (serviceIds.isEmpty() || serviceIds.contains(call.serviceId))
            && (counterIds.isEmpty() || counterIds.contains(call.counterId));
    }
    // "1, 2,3" -> {1,2,3}; an error names the bad item.
    static Result<QSet<qint64>> parseIds(const QString &text);
};

} // namespace clinico::tv
