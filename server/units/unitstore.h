// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "protocol/messages.h"
#include "storage/eventlog.h"
#include "storage/unitofwork.h"

#include <optional>

namespace clinico::server {

// The clinics (units) of the network: a name and a time zone each. Few and rarely changed, so
// every instance keeps them in memory. Adding or changing one appends unit.changed in the same
// unit of work: every instance on the database reads them again when it hears of it
// (ServerApp::followChangeElsewhere), and whenever one is asked for that it does not know.
class UnitStore
{
public:
    UnitStore(Database &db, UnitOfWork &work, EventLog &events, const Clock &clock)
        : m_db(db)
        , m_work(work)
        , m_events(events)
        , m_clock(clock)
    { }

    QList<protocol::Unit> units();
    std::optional<protocol::Unit> unit(qint64 id);
    Result<protocol::Unit> add(const protocol::Unit &unit);
    Result<protocol::Unit> update(const protocol::Unit &unit);
    // Reads them again: another instance (or the command line) changed one.
    Status reload();

private:
    Database &m_db;
    UnitOfWork &m_work;
    EventLog &m_events;
    const Clock &m_clock;
    QList<protocol::Unit> m_units; // by id
};

} // namespace clinico::server
