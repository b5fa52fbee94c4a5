// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace clinico::server {

// `clinico-server <command> ...`: what clinic IT runs on the server machine. Returns the
// process exit code. Commands work on the database directly, with or without the server
// running (SQLite WAL lets both write).
int runAdminCommand(const QStringList &arguments);

} // namespace clinico::server
