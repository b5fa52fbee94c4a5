// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"
#include "storage/database.h"

#include <functional>
#include <optional>

namespace clinico::server {

// One unit of work: a write transaction and the events it appended (EventLog::append). The
// events are handed to `onEventCommitted` after the commit, in sequence order, and dropped
// whenever the transaction rolls back (an error, a COMMIT that fails, another process's lock
// that makes it run again): no subscriber ever hears of a change that did not happen.
class UnitOfWork
{
public:
    explicit UnitOfWork(Database &db)
        : m_db(db)
    { }

    std::function<void(const protocol::Event &)> onEventCommitted;

    // Runs `work` in a write transaction and commits it, or joins the one an enclosing run()
    // began (the outermost commits and publishes); inside a transaction begun anywhere else it
    // refuses. `work` may run again from the start when another process held the lock
    // (SqlConnection::write).
    template<typename T> Result<T> run(const std::function<Result<T>()> &work);
    // `work` inside the running transaction, undone on its own when it fails (a savepoint):
    // its changes and its events go, the transaction goes on.
    template<typename T> Result<T> attempt(const std::function<Result<T>()> &work);

    // An event the running transaction appended: published with its commit.
    void appended(protocol::Event event) { m_pending << std::move(event); }

    // Which run of a transaction is under way (0: none): another number each time one begins,
    // again when it runs again after a lock, so what it read can be kept until it ends.
    quint64 current() const { return m_depth > 0 ? m_generation : 0; }

private:
    void publish(const QList<protocol::Event> &events);
    // A transaction someone opened around the unit of work could neither publish its events
    // nor drop them: every write goes through run().
    static Error foreignTransaction();

    Database &m_db;
    QList<protocol::Event> m_pending;
    int m_depth = 0; // run() calls under way: the outermost commits and publishes
    quint64 m_generation = 0;
};

template<typename T> Result<T> UnitOfWork::run(const std::function<Result<T>()> &work)
{
    SqlConnection &db = m_db.connection();
    const bool outermost = m_depth == 0;
    if (outermost && db.inTransaction())
        return foreignTransaction();
    ++m_depth;
    std::optional<T> out;
    const Status s = db.write(
        [&]() -> Status {
            if (outermost)
                ++m_generation;
            Result<T> r = work();
            if (!r)
                return r.error();
            out = std::move(r).value();
            return Ok {};
        },
        [this] { m_pending.clear(); });
    --m_depth;
    if (!s)
        return s.error();
    if (outermost)
        publish(std::exchange(m_pending, {}));
    return std::move(*out);
}

template<typename T> Result<T> UnitOfWork::attempt(const std::function<Result<T>()> &work)
{
    SqlConnection &db = m_db.connection();
    const qsizetype pendingBefore = m_pending.size();
    const QString savepoint = QStringLiteral("attempt");
    if (Status s = db.savepoint(savepoint); !s)
        return s.error();
    Result<T> r = work();
    if (!r) {
        if (Status s = db.rollbackTo(savepoint); !s)
            return s.error();
        m_pending.resize(pendingBefore);
    }
    if (Status s = db.release(savepoint); !s)
        return s.error();
    return r;
}

} // namespace clinico::server
