// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "storage/queuestore.h"

#include <QHttpServerRequest>
#include <QStringList>

namespace clinico::server {

// Per-device bearer tokens. A token is 32 random bytes shown once; only its SHA-256 is
// stored (the tokens are random, so a slow password hash adds nothing here).
namespace DeviceAuth {

QString generateToken();
QByteArray hashToken(const QString &token);
// The bearer token of a request ("Authorization: Bearer ..."), or `?token=` when allowed.
QString tokenFrom(const QList<QPair<QByteArray, QByteArray>> &headers, const QUrl &url, bool allowQuery);
// 401 when the token is missing, unknown or revoked; 403 when its role is not in `roles`
// (admin may do everything).
Result<DeviceRecord> authorize(QueueStore &store, const QString &token, const QStringList &roles);

} // namespace DeviceAuth

} // namespace clinico::server
