// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/sqlconnection.h"

namespace clinico {

// One SQLite file opened the way every Clinico program needs it: WAL, full sync (a commit is
// on disk before we say so), foreign keys, a busy timeout, and versioned migrations.
// Used by the server's store (its default engine), the totem's outbox and the TV's cache.
//
// Other processes may write the same file (the admin CLI, a backup's checkpoint): a write
// transaction takes the write lock when it begins (BEGIN IMMEDIATE), waiting up to the busy
// timeout, and one that still meets a lock is run again whole (write()).
class SqliteDatabase : public SqlConnection
{
public:
    static constexpr int kBusyTimeoutMs = 5000;
    static constexpr int kCheckpointWaitMs = 100;

    ~SqliteDatabase() override = default;

    // openFile() and then migrate() with PRAGMA user_version as the version.
    Status open(const QString &path, const Migrations &migrations);
    // The file with the pragmas above, no migrations (the caller keeps its own version).
    Status openFile(const QString &path);
    int schemaVersion();

    // Copies the WAL back into the database and empties it (PRAGMA wal_checkpoint(TRUNCATE)),
    // waiting at most kCheckpointWaitMs for other connections. For when the program is idle.
    Status checkpoint();
    // The size of the -wal file next to the database, 0 when there is none.
    qint64 walSizeBytes() const;

protected:
    QString beginStatement() const override { return QStringLiteral("BEGIN IMMEDIATE"); }

private:
    QString m_path;
};

} // namespace clinico
