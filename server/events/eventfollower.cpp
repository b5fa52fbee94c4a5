// SPDX-License-Identifier: GPL-3.0-or-later
#include "events/eventfollower.h"

#include <QLoggingCategory>

#include <limits>

Q_LOGGING_CATEGORY(lcFollower, "clinico.server.events.follower")

namespace clinico::server {

namespace {
constexpr int kBatch = 500;
} // namespace

EventFollower::EventFollower(EventLog &log, Database &db, QObject *parent)
    : QObject(parent)
    , m_log(log)
    , m_db(db)
{
    m_poll.setInterval(kPollInterval);
    connect(&m_poll, &QTimer::timeout, this, [this] { heardOf(0); });
}

Status EventFollower::start()
{
    const auto bounds = m_log.bounds();
    if (!bounds)
        return bounds.error();
    m_last = bounds->last;
    m_poll.start();
    return Ok {};
}

void EventFollower::committed(const protocol::Event &event)
{
    if (event.seq <= m_last)
        return; // read from the log already, on the way to a later one
    if (event.seq != m_last + 1 && !catchUpTo(event.seq - 1))
        return; // stays in the log: the poll delivers it after the ones before it
    hand(event, true);
}

void EventFollower::heardOf(qint64 seq)
{
    if (seq > 0 && seq <= m_last)
        return; // this instance's own, or read already
    // Nothing new costs one index lookup (seq > last), on either engine.
    catchUpTo(seq > 0 ? seq : std::numeric_limits<qint64>::max());
    m_db.releaseStatements();
}

bool EventFollower::catchUpTo(qint64 upTo)
{
    while (m_last < upTo) {
        const auto read = m_log.eventsAfter(m_last, kBatch);
        if (!read) {
            qCWarning(lcFollower) << "event log after seq" << m_last << "unreadable:" << read.error().message;
            return false;
        }
        for (const protocol::Event &e : *read) {
            if (e.seq > upTo)
                return true;
            hand(e, false);
        }
        if (read->size() < kBatch)
            return true; // up to `upTo`, only holes are left
    }
    return true;
}

// `deliver` may write, and so come back here with a later event: whatever was handed
// meanwhile is not handed again.
void EventFollower::hand(const protocol::Event &event, bool local)
{
    if (event.seq <= m_last)
        return;
    m_last = event.seq;
    if (deliver)
        deliver(event, local);
}

} // namespace clinico::server
