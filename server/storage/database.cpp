// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/database.h"

#include "storage/schema.h"

#include <QSqlQuery>

namespace clinico::server {

using namespace Qt::StringLiterals;

Status Database::open(const DatabaseAddress &address)
{
    const bool postgres = address.engine() == DatabaseAddress::Engine::Postgres;
    m_active = postgres ? static_cast<SqlConnection *>(&m_postgres) : &m_sqlite;
    if (Status s = postgres ? m_postgres.open(address.url()) : m_sqlite.openFile(address.sqliteFile()); !s)
        return s;
    if (Status s = createVersionTable(); !s)
        return s;
    // A migration may rebuild a table others reference (schema.cpp): SQLite allows it with the
    // foreign keys off, which it only allows outside a transaction.
    if (!postgres) {
        if (Status s = m_sqlite.execute(u"PRAGMA foreign_keys=OFF"_s); !s)
            return s;
    }
    const Status migrated = connection().migrate(
        serverMigrations(address.engine()), schemaVersion(), [this](int version) -> Status {
            QSqlQuery &q = connection().cached(u"UPDATE schema_version SET version = ?"_s);
            if (!SqlConnection::exec(q, { version }))
                return SqlConnection::errorFrom(q, u"schema_version"_s);
            // A program from before the table reads SQLite's user_version: it must still see a
            // newer schema and refuse to run on it.
            return isPostgres() ? Status(Ok {}) : m_sqlite.execute(u"PRAGMA user_version=%1"_s.arg(version));
        });
    if (!postgres) {
        if (Status s = m_sqlite.execute(u"PRAGMA foreign_keys=ON"_s); !s)
            return s;
    }
    return migrated;
}

// A SQLite database from before the table kept its version in PRAGMA user_version: the
// table starts from it, once.
Status Database::createVersionTable()
{
    SqlConnection &db = connection();
    return db.write([&]() -> Status {
        if (Status s = db.execute(u"CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)"_s);
            !s)
            return s;
        QSqlQuery &count = db.cached(u"SELECT COUNT(*) FROM schema_version"_s);
        if (!SqlConnection::exec(count, {}) || !count.next())
            return SqlConnection::errorFrom(count, u"schema_version"_s);
        const bool present = count.value(0).toInt() > 0;
        count.finish();
        if (present)
            return Ok {};
        const int carried = isPostgres() ? 0 : m_sqlite.schemaVersion();
        QSqlQuery &insert = db.cached(u"INSERT INTO schema_version(version) VALUES(?)"_s);
        if (!SqlConnection::exec(insert, { carried }))
            return SqlConnection::errorFrom(insert, u"schema_version"_s);
        return Ok {};
    });
}

int Database::schemaVersion()
{
    QSqlQuery &q = connection().cached(u"SELECT version FROM schema_version"_s);
    const int version = SqlConnection::exec(q, {}) && q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return version;
}

Status Database::checkpoint()
{
    return isPostgres() ? Status(Ok {}) : m_sqlite.checkpoint();
}

qint64 Database::walSizeBytes() const
{
    return isPostgres() ? 0 : m_sqlite.walSizeBytes();
}

Result<bool> Database::hasColumn(const QString &table, const QString &column)
{
    QSqlQuery q(connection().db());
    q.prepare(isPostgres() ? u"SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
                             " AND table_name = ? AND column_name = ?"_s
                           : u"SELECT 1 FROM pragma_table_info(?) WHERE name = ?"_s);
    if (!SqlConnection::exec(q, { table, column }))
        return SqlConnection::errorFrom(q, u"hasColumn"_s);
    return q.next();
}

Status Database::replaceTable(const QString &table, const QString &replacement,
    const QList<std::pair<QString, QString>> &referencedBy, const std::function<Status()> &fill)
{
    SqlConnection &db = connection();
    // SQLite: dropping a table others reference needs the foreign keys off, which it only
    // allows outside a transaction; a rename then carries the references over by name.
    // PostgreSQL: the references go with the old table (CASCADE) and are made again.
    if (!isPostgres()) {
        if (Status s = db.execute(u"PRAGMA foreign_keys=OFF"_s); !s)
            return s;
    }
    const Status replaced = db.write([&]() -> Status {
        if (Status s = fill(); !s)
            return s;
        QStringList statements { u"DROP TABLE %1%2"_s.arg(table, isPostgres() ? u" CASCADE"_s : QString()),
            u"ALTER TABLE %1 RENAME TO %2"_s.arg(replacement, table) };
        if (isPostgres()) {
            for (const auto &[from, column] : referencedBy)
                statements << u"ALTER TABLE %1 ADD FOREIGN KEY(%2) REFERENCES %3(id)"_s.arg(
                    from, column, table);
        }
        for (const QString &sql : std::as_const(statements))
            if (Status s = db.execute(sql); !s)
                return s;
        return Ok {};
    });
    if (!isPostgres()) {
        if (Status s = db.execute(u"PRAGMA foreign_keys=ON"_s); !s)
            return s;
    }
    return replaced;
}

QStringList Database::dataTables()
{
    QStringList tables;
    for (const QString &t : connection().db().tables(QSql::Tables)) {
        if (t != u"schema_version"_s && !t.startsWith(u"sqlite_"_s))
            tables << t;
    }
    return tables;
}

Status Database::continueIdentities()
{
    if (!isPostgres())
        return Ok {};
    QSqlQuery identities(connection().db());
    if (!identities.exec(u"SELECT table_name, column_name FROM information_schema.columns"
                         " WHERE table_schema = current_schema() AND is_identity = 'YES'"_s))
        return SqlConnection::errorFrom(identities, u"continueIdentities"_s);
    QList<std::pair<QString, QString>> columns;
    while (identities.next())
        columns.append({ identities.value(0).toString(), identities.value(1).toString() });
    for (const auto &[table, column] : std::as_const(columns)) {
        QSqlQuery q(connection().db());
        if (!q.exec(
                u"SELECT setval(pg_get_serial_sequence('%1', '%2'), COALESCE(MAX(%2), 0) + 1, false) FROM %1"_s
                    .arg(table, column)))
            return SqlConnection::errorFrom(q, u"continueIdentities"_s);
    }
    return Ok {};
}

Status Database::compact()
{
    if (Status s = connection().execute(u"VACUUM"_s); !s)
        return s;
    (void)checkpoint();
    return Ok {};
}

} // namespace clinico::server
