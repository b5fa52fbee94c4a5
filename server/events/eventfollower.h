// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"
#include "storage/database.h"
#include "storage/eventlog.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace clinico::server {

// Hands every event in the log to `deliver` once, in seq order, whoever committed it: this
// instance (committed(), straight after its commit) or another instance on the same database
// (heardOf(), from a notification, or the poll every kPollInterval that catches what a lost
// notification or a dropped listen connection missed). The log is the source of truth: when
// an event arrives ahead of one not delivered yet, the missing ones are read from the log
// first, so subscribers never see a gap or a repeat. A seq the log lacks (a PostgreSQL
// transaction that took it and rolled back) is a hole nobody will fill: every writer takes the
// same lock before it takes a seq (PostgresConnection::afterBegin, SQLite's BEGIN
// IMMEDIATE), so once seq N is committed every smaller seq is committed or never will be.
//
// On one instance alone each commit is the next seq: delivered at once, no read.
class EventFollower : public QObject
{
    Q_OBJECT
public:
    static constexpr auto kPollInterval = std::chrono::milliseconds(1000);

    EventFollower(EventLog &log, Database &db, QObject *parent = nullptr);

    // `local`: committed by this instance (its caches are already up to date).
    std::function<void(const protocol::Event &, bool local)> deliver;

    // From the last event in the log now: what came before is the subscribers' backlog.
    Status start();
    void committed(const protocol::Event &event);
    // Another instance committed `seq` (a notification); 0: something may have been missed.
    void heardOf(qint64 seq);

private:
    // Delivers what the log holds after the last delivered event, up to `upTo`; false when the
    // log could not be read (the poll tries again).
    bool catchUpTo(qint64 upTo);
    void hand(const protocol::Event &event, bool local);

    EventLog &m_log;
    Database &m_db;
    qint64 m_last = 0;
    QTimer m_poll;
};

} // namespace clinico::server
