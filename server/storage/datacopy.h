// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/database.h"

namespace clinico::server {

// `clinico-server migrate --from ... --to ...`: every row of a clinic's database copied into
// another one of the same schema version that holds no data yet (a new PostgreSQL database,
// typically), both opened by a QueueStore (so the registry is sealed), in one transaction on
// the target: tickets, calls, the event log with its
// sequence numbers, patients (still sealed with the same key), devices, staff, audit.
// Ids and sequence numbers keep their values, and the target's counters go on after them:
// the next event continues the sequence, TVs resume where they were.
struct CopyReport
{
    int tables = 0;
    qint64 rows = 0;
};
Result<CopyReport> copyDatabase(Database &from, Database &to);

} // namespace clinico::server
