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
// Writes are transactions durable at COMMIT (synchronous_commit on, the server's default)
// that take one transaction-level advisory lock first, so the writers of every instance on
// the database run one after the other, as SQLite's BEGIN IMMEDIATE makes them: a desk reads
// the queue after the last call committed (two instances never call the same ticket), and
// events commit in `seq` order (a subscriber that read up to seq N never misses a smaller
// one committed later). Reads take no lock.
class PostgresConnection : public SqlConnection
{
public:
    Status open(const QUrl &url);

protected:
    Status afterBegin() override;
};

} // namespace clinico::server
