// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/sqlconnection.h"

#include <QUrl>

namespace clinico::server {

// A connection to a PostgreSQL 15 database through Qt's QPSQL driver (libqt6sql6-psql): the
// stores keep using QSqlQuery and `?` placeholders as they do on SQLite, and the statement
// cache keeps each statement prepared on the server. (libpq directly would have meant a
// second way to run SQL beside Qt's; nothing here needs what QPSQL lacks. LISTEN/NOTIFY, for
// several instances, goes through QSqlDriver::subscribeToNotification.)
//
// Writes are READ COMMITTED transactions, durable at COMMIT (synchronous_commit on, the
// server's default); concurrent writers meet on row locks.
class PostgresConnection : public SqlConnection
{
public:
    Status open(const QUrl &url);
};

} // namespace clinico::server
