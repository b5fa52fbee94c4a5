// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"
#include "storage/sqlitedatabase.h"

namespace clinico::server {

// Reading the audit trail the store writes (every call, recall, out-of-order call, no-show,
// transfer, login and admin change): newest first, at most `limit`, older than `beforeId`
// when given (paging), only `action` when given.
QList<protocol::AuditEntry> readAuditLog(
    SqliteDatabase &db, int limit, qint64 beforeId = 0, const QString &action = {});

} // namespace clinico::server
