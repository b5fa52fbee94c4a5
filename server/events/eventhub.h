// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/devicepresence.h"
#include "events/subscribershard.h"
#include "protocol/messages.h"
#include "storage/queuestore.h"

#include <QObject>
#include <QThread>

#include <array>
#include <atomic>
#include <memory>
#include <vector>

class QTcpSocket;
class QWebSocket;

namespace clinico::server {

// The server side of /api/v1/events. A new subscriber gets a hello, then the backlog after
// the sequence it names (or a snapshot), then live events: its own unit's only (the device's,
// or the signed-in person's). The hub reads the log and encodes
// every frame on the server's thread, where events are committed, so no event can slip
// between the backlog and the live stream (an event of another instance that the backlog
// read before this one broadcast it is not sent to that subscriber again); the sockets
// themselves live on a few I/O threads (SubscriberShard), where writing to thousands of them
// does not hold up the server.
class EventHub : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxBacklog = 1000;

    EventHub(QueueStore &store, DevicePresence &presence, int ioThreads, QObject *parent = nullptr);
    ~EventHub() override;

    // Takes ownership of the socket and of `tcp`, the connection it was upgraded from (see
    // GuardedTcpServer::takeUpgraded). `since` < 0: the client has never synced.
    void attach(QWebSocket *socket, QTcpSocket *tcp, const DeviceRecord &device, qint64 since);
    // Every event once, in seq order (EventFollower sees to it).
    void broadcast(const protocol::Event &event);
    int clientCount() const { return m_subscribers.load(); }

private:
    struct CachedSnapshot
    {
        qint64 seq = -1;
        QByteArray frame;
    };
    struct CatchUp
    {
        QList<QByteArray> frames;
        qint64 seq = 0; // the last seq they cover
    };
    // Hello, then the snapshot if one is needed, then the events after it; nothing when the
    // log could not be read (the caller closes the socket).
    Result<CatchUp> catchUp(const DeviceRecord &device, qint64 since);
    // Posts the subscribers attached since the last call to their shards, one batch each.
    // Runs before any event is posted after them, so none can overtake a catch-up.
    void handOver();
    const CachedSnapshot &snapshotFor(const QString &role);

    QueueStore &m_store;
    DevicePresence &m_presence;
    std::atomic<int> m_subscribers { 0 };
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<SubscriberShard *> m_shards; // each lives on its thread
    std::size_t m_nextShard = 0;
    std::vector<QList<SubscriberShard::Handover>> m_handovers; // per shard, not posted yet
    bool m_handOverScheduled = false;
    // Per unit: calls only (TVs), with the open tickets (desks).
    QHash<qint64, std::array<CachedSnapshot, 2>> m_snapshots;
};

} // namespace clinico::server
