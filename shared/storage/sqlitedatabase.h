// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <initializer_list>

#include "core/result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

namespace clinico {

// One SQLite file opened the way every Clinico program needs it: WAL, full sync (a commit is
// on disk before we say so), foreign keys, a busy timeout, and versioned migrations.
// Used by the server's store, the totem's outbox and the TV's cache.
class SqliteDatabase
{
public:
    // Each migration is one step (a list of statements); step i brings the schema to version i+1.
    using Migrations = QList<QStringList>;

    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    Status open(const QString &path, const Migrations &migrations);
    void close();
    QSqlDatabase &db() { return m_db; }
    int schemaVersion();

    // A prepared statement on this connection, prepared once and reused (hot paths: a ticket
    // is issued with a handful of statements). Bind, exec, read, then it is reused next time.
    QSqlQuery &cached(const QString &sql);
    // Ends every cached statement still positioned on a row. A statement left mid-result holds
    // a read snapshot: this connection would not see other processes' commits, and the WAL
    // could not be checkpointed. Call it when a unit of work (a request) is done.
    void releaseStatements();

    bool transaction() { return m_db.transaction(); }
    bool commit() { return m_db.commit(); }
    bool rollback() { return m_db.rollback(); }

    static Error errorFrom(const QSqlQuery &q, const QString &what);
    // Binds positionally and runs. Qt's SQLite driver binds a null QString as SQL NULL; every
    // text column in Clinico means "empty" by it, so it is bound as ''. A real NULL is passed
    // as QVariant().
    static bool exec(QSqlQuery &q, std::initializer_list<QVariant> values);

private:
    Status migrate(const Migrations &migrations);

    QSqlDatabase m_db;
    QString m_connectionName;
    QHash<QString, QSqlQuery> m_statements;
};

// Rolls back unless commit() was called: every early return leaves the data untouched.
class Transaction
{
public:
    explicit Transaction(SqliteDatabase &db)
        : m_db(db)
        , m_open(db.transaction())
    { }
    ~Transaction()
    {
        if (m_open)
            m_db.rollback();
    }
    bool isOpen() const { return m_open; }
    bool commit()
    {
        const bool ok = m_open && m_db.commit();
        m_open = false;
        return ok;
    }

private:
    SqliteDatabase &m_db;
    bool m_open;
};

} // namespace clinico
