// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "storage/databaseaddress.h"
#include "storage/postgresconnection.h"
#include "storage/sqlitedatabase.h"

namespace clinico::server {

// The server's database: SQLite (a file, the default) or PostgreSQL 15, brought to the
// server's schema (schema.cpp). The rest of the server never sees which.
//
// How a store runs a query (the same on both engines):
//
//     QSqlQuery &q = m_db.connection().cached(u"SELECT name FROM services WHERE id = ?"_s);
//     if (!SqlConnection::exec(q, { id }))
//         return SqlConnection::errorFrom(q, u"serviceName"_s);   // storage_busy/unique/error
//     const QString name = q.next() ? q.value(0).toString() : QString();
//     q.finish();
//
// - Writes run inside a UnitOfWork (unitofwork.h): a transaction that may run again whole
//   when another writer got in the way, so keep no state across attempts.
// - `?` placeholders only; new ids come back with `INSERT ... RETURNING id` (no lastInsertId).
// - Portable SQL only: no INSERT OR IGNORE/REPLACE (use ON CONFLICT ... DO NOTHING/UPDATE),
//   no COLLATE NOCASE (store a normalised value), no two-argument MIN/MAX (CASE WHEN),
//   no PRAGMA, every selected column grouped or aggregated, an alias on every subquery in
//   FROM, a boolean read with toBool()
//   or compared as an integer flag (0/1), ORDER BY written out for every order you rely on.
// - After an error inside a transaction PostgreSQL refuses every statement until the
//   rollback: to go on after a statement that may fail, wrap it in UnitOfWork::attempt().
// - What only one engine has (PRAGMA, VACUUM, a table's columns) lives in this class.
class Database
{
public:
    Status open(const DatabaseAddress &address);
    void close() { connection().close(); }
    bool isPostgres() const { return m_active == &m_postgres; }
    // The schema version, kept in the table `schema_version` (every engine has tables).
    int schemaVersion();

    // The connection the stores run their SQL on (see above).
    SqlConnection &connection() { return *m_active; }

    // A request or timer tick is done: statements still holding a read snapshot let go of it.
    void releaseStatements() { connection().releaseStatements(); }
    // SQLite: the WAL back into the file (PostgreSQL checkpoints on its own: nothing to do).
    Status checkpoint();
    qint64 walSizeBytes() const;
    quint64 commitCount() const { return m_active->commitCount(); }

    // Whether `table` has a column named `column`.
    Result<bool> hasColumn(const QString &table, const QString &column);
    // `fill` copies `table` into `replacement`, which then takes its place: one transaction,
    // with `referencedBy` (table, column) foreign keys pointing at the new table afterwards.
    Status replaceTable(const QString &table, const QString &replacement,
        const QList<std::pair<QString, QString>> &referencedBy, const std::function<Status()> &fill);
    // Gives the space of deleted rows back and leaves no old page of them behind.
    Status compact();

    // The tables that hold the clinic's data (not the schema version, not the engine's own).
    QStringList dataTables();
    // After rows were written with their ids (datacopy.h): every automatic id and the event
    // sequence go on after the largest one there (SQLite does so by itself).
    Status continueIdentities();

private:
    Status createVersionTable();

    SqliteDatabase m_sqlite;
    PostgresConnection m_postgres;
    SqlConnection *m_active = &m_sqlite;
};

} // namespace clinico::server
