// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>
#include <QUrl>

namespace clinico::StoredToken {

// The device token a kiosk received by enrolment, in its data directory, readable by its own
// user only (0600), and the server that gave it (from clinico-enrol.conf, it may not be the
// configured one). A token in the configuration file wins over both: clinic IT can always pin
// one by hand.
inline const QString kFileName = QStringLiteral("device-token");
inline const QString kServerFileName = QStringLiteral("device-server");

struct Stored
{
    QString token; // empty: the kiosk must enrol
    QUrl server;
};
Stored read(const QString &dataDir);
// Each written to a temporary file created 0600, synced, then renamed over the old one, so a
// power cut leaves the old token or the new one, never half of one or a readable copy. The
// server goes first: a token is never stored without it.
Status write(const QString &dataDir, const QString &token, const QUrl &server);
// After the server refused the token (revoked): the kiosk enrols again.
void remove(const QString &dataDir);

} // namespace clinico::StoredToken
