// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/database.h"

#include <QObject>
#include <QTimer>

#include <chrono>

namespace clinico::server {

// Empties the WAL when the server is idle. SQLite's auto-checkpoint keeps the WAL near 4 MiB
// while tickets are issued; once a whole interval passes without a commit, this copies it
// back into the database and truncates it, so a quiet server leaves a WAL of zero bytes
// (and a backup of the database file alone is complete).
class CheckpointJob : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kIdleInterval { 5000 };

    explicit CheckpointJob(Database &db, QObject *parent = nullptr);
    void start(std::chrono::milliseconds idleInterval = kIdleInterval);

private:
    void tick();

    Database &m_db;
    QTimer m_timer;
    quint64 m_commitsAtLastTick = 0;
};

} // namespace clinico::server
