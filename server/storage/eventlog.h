// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "protocol/messages.h"
#include "storage/unitofwork.h"

namespace clinico::server {

// The event log: every change a subscriber hears of, numbered by `seq`, appended in the same
// transaction as the change itself, so the log and the state never disagree.
class EventLog
{
public:
    // On PostgreSQL every append also notifies this channel with the event's seq, delivered to
    // every listener when (and only if) the transaction commits: how the other server instances
    // on the database hear of it (events/pgnotifylistener.h).
    static inline const QString kNotifyChannel = QStringLiteral("clinico_events");

    EventLog(Database &db, UnitOfWork &work, const Clock &clock)
        : m_db(db)
        , m_work(work)
        , m_clock(clock)
    { }

    // Inside a unit of work: the event is published after its commit, or never.
    Result<qint64> append(const QString &kind, const QJsonObject &data);

    // An error when the log cannot be read: a subscriber must never take silence for "nothing
    // happened".
    Result<QList<protocol::Event>> eventsAfter(qint64 seq, int limit);
    struct Bounds
    {
        qint64 first = 0; // 0: the log is empty
        qint64 last = 0;
    };
    Result<Bounds> bounds();
    qint64 lastSeq(); // 0 when the log is empty or unreadable: for figures, not for subscribers

private:
    Database &m_db;
    UnitOfWork &m_work;
    const Clock &m_clock;
};

} // namespace clinico::server
