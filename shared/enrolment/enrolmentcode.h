// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace clinico::EnrolmentCode {

// The short code a kiosk shows and a person types into the console: 8 characters from an
// alphabet without the look-alikes 0/O and 1/I, so it survives being read aloud across a
// room or copied by hand. 32^8 = 2^40 codes; only a few are valid at once, for 15 minutes,
// and only an admin can try one.
inline constexpr int kLength = 8;
inline constexpr QLatin1StringView kAlphabet { "23456789ABCDEFGHJKLMNPQRSTUVWXYZ" };

// A fresh code from the system's random source, normalised ("K7QF9M2X").
QString generate();
// As shown on screen: two groups of four ("K7QF-9M2X").
QString display(const QString &normalized);
// What a person typed, normalised (upper case, spaces and dashes dropped), or nothing when
// it cannot be a code.
std::optional<QString> normalize(QStringView typed);

} // namespace clinico::EnrolmentCode
