// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <initializer_list>
#include <unordered_map>

#include "core/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

namespace clinico {

// One SQLite file opened the way every Clinico program needs it: WAL, full sync (a commit is
// on disk before we say so), foreign keys, a busy timeout, and versioned migrations.
// Used by the server's store, the totem's outbox and the TV's cache.
//
// Other processes may write the same file (the admin CLI, a backup's checkpoint): a write
// transaction takes the write lock when it begins (BEGIN IMMEDIATE), waiting up to the busy
// timeout, and one that still meets a lock is run again whole (write()).
class SqliteDatabase
{
public:
    // Each migration is one step (a list of statements); step i brings the schema to version i+1.
    using Migrations = QList<QStringList>;
    static constexpr int kBusyTimeoutMs = 5000;
    static constexpr int kCheckpointWaitMs = 100;
    static constexpr int kWriteAttempts = 3;
    // The error code of a statement that met another connection's lock (SQLITE_BUSY/LOCKED).
    static inline const QString kBusyCode = QStringLiteral("storage_busy");

    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    // openFile() and then migrate() with PRAGMA user_version as the version.
    Status open(const QString &path, const Migrations &migrations);
    // The file with the pragmas above, no migrations (the caller keeps its own version).
    Status openFile(const QString &path);
    void close();
    QSqlDatabase &db() { return m_db; }
    int schemaVersion();

    // A prepared statement on this connection, prepared once and reused (hot paths: a ticket
    // is issued with a handful of statements). Bind, exec, read, then it is reused next time.
    // The reference stays valid while others are prepared: a caller may hold several.
    QSqlQuery &cached(const QString &sql);
    // Ends every cached statement still positioned on a row. A statement left mid-result holds
    // a read snapshot: this connection would not see other processes' commits, a write on it
    // would fail at once instead of waiting for the lock, and no checkpoint could get past it
    // (the WAL would grow forever). Called at every BEGIN, COMMIT and ROLLBACK; call it too
    // when a unit of work (a request) is done.
    void releaseStatements();

    // BEGIN IMMEDIATE / COMMIT / ROLLBACK, for write() and Transaction. A COMMIT that fails
    // rolls the transaction back.
    Status begin();
    Status commit();
    void rollback();
    bool inTransaction() const { return m_inTransaction; }

    // Runs `work` in one write transaction and commits it. If the database was busy (at BEGIN
    // after the busy timeout, inside `work`, or at COMMIT) it is rolled back and run again from
    // the start, up to kWriteAttempts times. After every rollback `rolledBack` runs, so the
    // caller forgets what the failed attempt kept in memory. Called inside a transaction, it
    // joins it: the outermost one commits, and retries.
    Status write(const std::function<Status()> &work, const std::function<void()> &rolledBack = {});

    // Copies the WAL back into the database and empties it (PRAGMA wal_checkpoint(TRUNCATE)),
    // waiting at most kCheckpointWaitMs for other connections. For when the program is idle.
    Status checkpoint();
    // The size of the -wal file next to the database, 0 when there is none.
    qint64 walSizeBytes() const;
    // Transactions committed on this connection since it was opened (to tell when it is idle).
    quint64 commitCount() const { return m_commits; }

    static bool isBusy(const QSqlError &error);
    static Error errorFrom(const QSqlQuery &q, const QString &what);
    // Binds positionally and runs. Qt's SQLite driver binds a null QString as SQL NULL; every
    // text column in Clinico means "empty" by it, so it is bound as ''. A real NULL is passed
    // as QVariant().
    static bool exec(QSqlQuery &q, std::initializer_list<QVariant> values);

    // One statement with no parameters and no result (PRAGMA, DDL).
    Status execute(const QString &sql);

    // Brings the schema from version `current` to migrations.size(), each step in its own
    // transaction that ends with `recordVersion(step + 1)`.
    Status migrate(
        const Migrations &migrations, int current, const std::function<Status(int version)> &recordVersion);

private:
    Status attemptWrite(const std::function<Status()> &work);

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_path;
    // Node-based: adding a statement never moves the others (a QHash would on growth, and a
    // caller holding two statements would use a freed one).
    std::unordered_map<QString, QSqlQuery> m_statements;
    bool m_inTransaction = false;
    quint64 m_commits = 0;
};

// Rolls back unless commit() was called: every early return leaves the data untouched.
class Transaction
{
public:
    explicit Transaction(SqliteDatabase &db)
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
    SqliteDatabase &m_db;
    bool m_open;
};

} // namespace clinico
