// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "protocol/messages.h"
#include "storage/unitofwork.h"

#include <optional>

namespace clinico::server {

// The clinics (units) of the network: a name and a time zone each. Few and rarely changed,
// so they are read again whenever one is missing (another instance may have added it).
class UnitStore
{
public:
    UnitStore(Database &db, UnitOfWork &work, const Clock &clock)
        : m_db(db)
        , m_work(work)
        , m_clock(clock)
    { }

    QList<protocol::Unit> units();
    std::optional<protocol::Unit> unit(qint64 id);
    Result<protocol::Unit> add(const protocol::Unit &unit);
    Result<protocol::Unit> update(const protocol::Unit &unit);

private:
    Status reload();

    Database &m_db;
    UnitOfWork &m_work;
    const Clock &m_clock;
    QList<protocol::Unit> m_units; // by id
};

} // namespace clinico::server
