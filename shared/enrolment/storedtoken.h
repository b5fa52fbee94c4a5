// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>

namespace clinico::StoredToken {

// The device token a kiosk received by enrolment, in its data directory, readable by its
// own user only (0600). A token in the configuration file wins over it: clinic IT can
// always pin one by hand.
inline const QString kFileName = QStringLiteral("device-token");

QString read(const QString &dataDir);
// Written to a temporary file created 0600, synced, then renamed over the old one, so a
// power cut leaves the old token or the new one, never half of one or a readable copy.
Status write(const QString &dataDir, const QString &token);
// After the server refused the token (revoked): the kiosk enrols again.
void remove(const QString &dataDir);
// The configured token if there is one, else the stored one (empty: the kiosk must enrol).
QString resolve(const QString &configuredToken, const QString &dataDir);

} // namespace clinico::StoredToken
