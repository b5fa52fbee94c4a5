// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QTime>

namespace clinico::tv {

// A daily window with no chime and no speech, e.g. "22:00-07:00" (may cross midnight).
// Times are the TV's local time.
struct QuietHours
{
    QTime start;
    QTime end;

    bool isSet() const { return start.isValid() && end.isValid() && start != end; }
    bool contains(QTime t) const
    {
        if (!isSet())
            return false;
        return start < end ? (t >= start && t < end) : (t >= start || t < end);
    }
    static Result<QuietHours> parse(const QString &text); // "" means none
};

} // namespace clinico::tv
