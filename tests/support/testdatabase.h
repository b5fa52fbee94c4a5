// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace clinico::test {

// The engine the server tests run on, chosen in one place: SQLite, or PostgreSQL when the
// environment has CLINICO_TEST_DATABASE=postgresql (ctest's `_pg` tests, label `postgres`).
bool testsRunOnPostgres();

// The --database of a server whose data directory is `dataDir`: sqlite:<dataDir>, or on
// PostgreSQL a fresh database on this test process's private cluster (started on first use,
// stopped by its PID when the process ends). Asked again for the same directory (a restart,
// the admin CLI), it gives the same database. Empty if PostgreSQL could not start.
QString testDatabaseFor(const QString &dataDir);

// A connection of the test's own to the database of the server in `dataDir` (to break it on
// purpose, or look behind the server's back), named `connectionName`; not yet opened.
QSqlDatabase connectionToTestDatabase(const QString &dataDir, const QString &connectionName);

// The private cluster's URL for `database` (PostgreSQL runs only), starting it if needed.
QString privateClusterUrl(const QString &database);

} // namespace clinico::test
