// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "storage/sqlitedatabase.h"

namespace clinico::server {

// The server's database handle: one file opened the way SqliteDatabase opens it and brought to
// the server's schema (schema.cpp). The stores run their SQL on connection(), writes inside a
// UnitOfWork; the rest of the server only keeps the file healthy through it.
class Database
{
public:
    Status open(const QString &path);
    void close() { m_db.close(); }
    // The schema version, kept in the table `schema_version` (every engine has tables).
    int schemaVersion();

    // The connection, for the stores (server/users/userstore still takes it directly).
    SqliteDatabase &connection() { return m_db; }

    // A request or timer tick is done: statements still holding a read snapshot let go of it.
    void releaseStatements() { m_db.releaseStatements(); }
    Status checkpoint() { return m_db.checkpoint(); }
    qint64 walSizeBytes() const { return m_db.walSizeBytes(); }
    quint64 commitCount() const { return m_db.commitCount(); }

private:
    Status createVersionTable();

    SqliteDatabase m_db;
};

} // namespace clinico::server
