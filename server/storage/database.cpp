// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/database.h"

#include "storage/schema.h"

#include <QSqlQuery>

namespace clinico::server {

using namespace Qt::StringLiterals;

Status Database::open(const QString &path)
{
    if (Status s = m_db.openFile(path); !s)
        return s;
    if (Status s = createVersionTable(); !s)
        return s;
    return m_db.migrate(serverMigrations(), schemaVersion(), [this](int version) -> Status {
        QSqlQuery &q = m_db.cached(u"UPDATE schema_version SET version = ?"_s);
        if (!SqliteDatabase::exec(q, { version }))
            return SqliteDatabase::errorFrom(q, u"schema_version"_s);
        // A program from before the table reads SQLite's user_version: it must still see a
        // newer schema and refuse to run on it.
        return m_db.execute(u"PRAGMA user_version=%1"_s.arg(version));
    });
}

// A database from before the table kept its version in SQLite's PRAGMA user_version: the
// table starts from it, once.
Status Database::createVersionTable()
{
    return m_db.write([this]() -> Status {
        if (Status s = m_db.execute(u"CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)"_s);
            !s)
            return s;
        QSqlQuery &count = m_db.cached(u"SELECT COUNT(*) FROM schema_version"_s);
        if (!SqliteDatabase::exec(count, {}) || !count.next())
            return SqliteDatabase::errorFrom(count, u"schema_version"_s);
        const bool present = count.value(0).toInt() > 0;
        count.finish();
        if (present)
            return Ok {};
        QSqlQuery userVersion(m_db.db());
        if (!userVersion.exec(u"PRAGMA user_version"_s) || !userVersion.next())
            return SqliteDatabase::errorFrom(userVersion, u"schema_version"_s);
        const int carried = userVersion.value(0).toInt();
        userVersion.finish();
        QSqlQuery &insert = m_db.cached(u"INSERT INTO schema_version(version) VALUES(?)"_s);
        if (!SqliteDatabase::exec(insert, { carried }))
            return SqliteDatabase::errorFrom(insert, u"schema_version"_s);
        return Ok {};
    });
}

int Database::schemaVersion()
{
    QSqlQuery &q = m_db.cached(u"SELECT version FROM schema_version"_s);
    const int version = SqliteDatabase::exec(q, {}) && q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return version;
}

} // namespace clinico::server
