// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"
#include "storage/queuestore.h"

#include <QHash>
#include <QObject>
#include <QTimer>

class QWebSocket;

namespace clinico::server {

// The server side of /api/v1/events. A new subscriber gets a hello, then the backlog after
// the sequence it names (or a snapshot), then live events. All of it happens on the
// server's one thread, so no event can slip between the backlog and the live stream.
class EventHub : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxBacklog = 1000;
    // A subscriber that stops reading (a frozen TV, a phone gone to sleep mid-stream) would
    // hold every event in the server's memory for ever. Past this much unsent data it is
    // closed (kCloseTooSlow) and, once it reads again, resumes from its last seq.
    static constexpr qint64 kMaxUnsentBytes = 1024 * 1024;
    static constexpr quint16 kCloseTooSlow = 4408;
    static constexpr int kPingIntervalMs = 15000;
    static constexpr int kDeadAfterMs = 45000;

    explicit EventHub(QueueStore &store, QObject *parent = nullptr);
    ~EventHub() override;

    // Takes ownership of the socket. `since` < 0: the client has never synced.
    void attach(QWebSocket *socket, const DeviceRecord &device, qint64 since);
    void broadcast(const protocol::Event &event);
    int clientCount() const { return int(m_clients.size()); }

private:
    struct Client
    {
        DeviceRecord device;
        qint64 lastActivityMs = 0;
    };
    struct CachedSnapshot
    {
        qint64 seq = -1;
        QString frame;
    };
    // Hello, then the snapshot if one is needed, then the events after it; false when the log
    // could not be read and the socket was closed.
    bool sendCatchUp(QWebSocket *socket, const QString &role, qint64 since);
    void closeUnread(QWebSocket *socket, qint64 after, const Error &error);
    // Sends a frame unless the subscriber is too far behind, in which case it is dropped.
    void sendOrDrop(QWebSocket *socket, const QString &text);
    const CachedSnapshot &snapshotFor(const QString &role);
    void drop(QWebSocket *socket);
    void pingAll();

    QueueStore &m_store;
    QHash<QWebSocket *, Client> m_clients;
    QTimer m_pingTimer;
    CachedSnapshot m_snapshots[2]; // calls only (TVs), with the open tickets (desks)
};

} // namespace clinico::server
