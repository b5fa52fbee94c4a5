// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <initializer_list>
#include <unordered_map>

#include "core/result.h"

#include <QSqlDatabase>
#include <QSet>
#include <QSqlQuery>
#include <QStringList>

namespace clinico {

// One connection to a SQL database through Qt SQL, whatever the engine: a statement cache,
// transactions, a write that runs again when another writer got in the way, versioned
// migrations, and errors turned into Clinico's own codes (kBusyCode, kUniqueCode), so no
// engine's error number reaches the code that uses it. SqliteDatabase (a file, this
// project's default) and the server's PostgreSQL connection are the two kinds.
class SqlConnection
{
public:
    // Each migration is one step (a list of statements); step i brings the schema to version i+1.
    using Migrations = QList<QStringList>;
    static constexpr int kWriteAttempts = 3;
    // Another writer got in the way (SQLite's lock, PostgreSQL's serialisation failure or
    // deadlock): write() runs the transaction again.
    static inline const QString kBusyCode = QStringLiteral("storage_busy");
    // A row with the same key is already there (a UNIQUE or PRIMARY KEY constraint).
    static inline const QString kUniqueCode = QStringLiteral("storage_unique");

    SqlConnection() = default;
    virtual ~SqlConnection();
    SqlConnection(const SqlConnection &) = delete;
    SqlConnection &operator=(const SqlConnection &) = delete;

    void close();
    QSqlDatabase &db() { return m_db; }
    bool isPostgres() const { return m_db.driverName() == QLatin1String("QPSQL"); }

    // A prepared statement on this connection, prepared once and reused (hot paths: a ticket
    // is issued with a handful of statements). Bind, exec, read, then it is reused next time.
    // The reference stays valid while others are prepared: a caller may hold several.
    QSqlQuery &cached(const QString &sql);
    // Ends every cached statement still positioned on a row. A statement left mid-result holds
    // a read snapshot: on SQLite this connection would not see other processes' commits, a
    // write on it would fail at once instead of waiting for the lock, and no checkpoint could
    // get past it (the WAL would grow forever). Called at every BEGIN, COMMIT and ROLLBACK;
    // call it too when a unit of work (a request) is done.
    void releaseStatements();

    // BEGIN / COMMIT / ROLLBACK, for write() and Transaction. A COMMIT that fails rolls the
    // transaction back.
    Status begin();
    Status commit();
    void rollback();
    bool inTransaction() const { return m_inTransaction; }
    // A savepoint in the running transaction, rolled back to and released by name.
    Status savepoint(const QString &name);
    Status rollbackTo(const QString &name);
    Status release(const QString &name);

    // Runs `work` in one write transaction and commits it. If another writer got in the way
    // (kBusyCode: at BEGIN, inside `work`, or at COMMIT) it is rolled back and run again from
    // the start, up to kWriteAttempts times. After every rollback `rolledBack` runs, so the
    // caller forgets what the failed attempt kept in memory. Called inside a transaction, it
    // joins it: the outermost one commits, and retries.
    Status write(const std::function<Status()> &work, const std::function<void()> &rolledBack = {});
    // Transactions committed on this connection since it was opened (to tell when it is idle).
    quint64 commitCount() const { return m_commits; }

    // The error of a failed statement as Clinico's: kBusyCode (503), kUniqueCode (409), else
    // storage_error (500) with the engine's text.
    static Error errorFrom(const QSqlQuery &q, const QString &what);
    // Binds positionally and runs. Qt's drivers bind a null QString as SQL NULL; every text
    // column in Clinico means "empty" by it, so it is bound as ''. A real NULL is passed as
    // QVariant(). A bool is bound as 1 or 0 (flags are integer columns on every engine).
    static bool exec(QSqlQuery &q, std::initializer_list<QVariant> values);

    // One statement with no parameters and no result (PRAGMA, DDL).
    Status execute(const QString &sql);

    // Brings the schema from version `current` to migrations.size(), each step in its own
    // transaction that ends with `recordVersion(step + 1)`.
    Status migrate(
        const Migrations &migrations, int current, const std::function<Status(int version)> &recordVersion);

protected:
    // Opens `db` (already configured by the subclass) as this connection; `what` names it in
    // the error.
    Status adopt(QSqlDatabase db, const QString &connectionName, const QString &what);
    // The statement that begins a write transaction, and what runs right after it.
    virtual QString beginStatement() const { return QStringLiteral("BEGIN"); }
    virtual Status afterBegin() { return Ok {}; }
    static QString newConnectionName();

private:
    Status attemptWrite(const std::function<Status()> &work);
    // A statement without parameters, prepared once where the engine can prepare it (SQLite;
    // PostgreSQL prepares no transaction control).
    Status control(const QString &sql);

    QSqlDatabase m_db;
    QString m_connectionName;
    // Node-based: adding a statement never moves the others (a QHash would on growth, and a
    // caller holding two statements would use a freed one).
    std::unordered_map<QString, QSqlQuery> m_statements;
    QSet<QString> m_prepared; // the statements whose prepare() succeeded
    bool m_inTransaction = false;
    quint64 m_commits = 0;
};

// Rolls back unless commit() was called: every early return leaves the data untouched.
class Transaction
{
public:
    explicit Transaction(SqlConnection &db)
        : m_db(db)
        , m_open(db.begin().ok())
    { }
    ~Transaction()
    {
        if (m_open)
            m_db.rollback();
    }
    bool isOpen() const { return m_open; }
    bool commit()
    {
        const bool ok = m_open && m_db.commit().ok();
        m_open = false;
        return ok;
    }

private:
    SqlConnection &m_db;
    bool m_open;
};

} // namespace clinico
