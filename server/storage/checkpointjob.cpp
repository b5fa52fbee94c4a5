// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/checkpointjob.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCheckpoint, "clinico.server.storage.checkpoint")

namespace clinico::server {

CheckpointJob::CheckpointJob(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    connect(&m_timer, &QTimer::timeout, this, &CheckpointJob::tick);
}

void CheckpointJob::start(std::chrono::milliseconds idleInterval)
{
    m_commitsAtLastTick = m_db.commitCount();
    m_timer.start(idleInterval);
}

void CheckpointJob::tick()
{
    const quint64 commits = m_db.commitCount();
    const bool idle = commits == m_commitsAtLastTick;
    m_commitsAtLastTick = commits;
    if (!idle || m_db.walSizeBytes() == 0)
        return;
    const qint64 before = m_db.walSizeBytes();
    if (Status s = m_db.checkpoint(); !s) {
        qCWarning(lcCheckpoint) << "idle checkpoint:" << s.error().message;
        return;
    }
    qCDebug(lcCheckpoint) << "idle checkpoint emptied a WAL of" << before << "bytes";
}

} // namespace clinico::server
