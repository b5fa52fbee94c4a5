// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "protocol/messages.h"
#include "storage/unitofwork.h"
#include "units/unitscope.h"

namespace clinico::server {

// Who did it, for the call log and the audit trail.
struct Actor
{
    qint64 deviceId = 0;
    QString name;
};

// The audit trail: every call, recall, out-of-order call, no-show, transfer, login and admin
// change.
class AuditStore
{
public:
    // Entries are the current unit's, and so is what read() returns.
    AuditStore(Database &db, UnitOfWork &work, const Clock &clock, const UnitScope &unit)
        : m_db(db)
        , m_work(work)
        , m_clock(clock)
        , m_unit(unit)
    { }

    // An entry in the running unit of work, with the change it records.
    Status append(const Actor &actor, const QString &action, qint64 ticketId, const QString &detail);
    // For what happens outside the stores' own operations (logins, admin changes), after the
    // change itself is committed: a failure here can only be logged.
    void record(const Actor &actor, const QString &action, qint64 ticketId, const QString &detail);
    // Newest first, at most `limit`, older than `beforeId` when given (paging), only `action`
    // when given.
    QList<protocol::AuditEntry> read(int limit, qint64 beforeId = 0, const QString &action = {});

private:
    Database &m_db;
    UnitOfWork &m_work;
    const Clock &m_clock;
    const UnitScope &m_unit;
};

} // namespace clinico::server
