// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <atomic>

class QTcpSocket;
class QWebSocket;

namespace clinico::server {

// Some of the event stream's subscribers, on one I/O thread of their own. The event hub
// hands a subscriber over with its catch-up frames already encoded, then every event frame
// once for all of them; this thread does the per-socket work: writing, pinging, noticing a
// peer that stopped reading or went silent. Every method runs on the shard's thread (the
// hub calls them queued, in order, so a subscriber's catch-up comes before the live events).
class SubscriberShard : public QObject
{
    Q_OBJECT
public:
    // Past this much unsent data a subscriber is closed (kCloseTooSlow) and, once it reads
    // again, resumes from its last seq: a frozen TV must not hold every event in memory.
    static constexpr qint64 kMaxUnsentBytes = 1024 * 1024;
    static constexpr quint16 kCloseTooSlow = 4408;
    // Qt clients (totem, TV) ping every 10 s themselves, and anything they send counts: the
    // server pings only a subscriber silent this long (a browser cannot ping), and drops one
    // silent for kDeadAfterMs.
    static constexpr int kPingIntervalMs = 15000;
    static constexpr int kDeadAfterMs = 45000;

    // A subscriber being handed over: its sockets (already moved to this thread, without a
    // parent) and what it must get before the live events. `tcp` is the connection under
    // `socket`: event frames are written to it directly, encoded once for everyone.
    struct Handover
    {
        QWebSocket *socket = nullptr;
        QTcpSocket *tcp = nullptr;
        QString name;
        bool callsOnly = false;
        qint64 unitId = 0; // the only unit whose events it is sent
        QList<QByteArray> catchUp;
        qint64 caughtUpTo = 0; // the last seq the catch-up covers: later frames up to it are skipped
    };

    explicit SubscriberShard(std::atomic<int> &subscriberCount);
    ~SubscriberShard() override;

    // Takes ownership. Handed over in batches: each call is one more pass of this thread's
    // event loop, which polls every socket it has (a storm of reconnects comes in thousands).
    void adopt(const QList<Handover> &batch);
    // The event `seq` of unit `unitId`, to that unit's subscribers (the ones shown call-outs only
    // if `forCallsOnlyToo`) whose catch-up did not have it already (with several instances, a
    // catch-up can read an event this instance has not broadcast yet).
    void send(const QByteArray &frame, qint64 unitId, bool forCallsOnlyToo, qint64 seq);
    void closeAll();

private:
    struct Subscriber
    {
        QTcpSocket *tcp = nullptr;
        QString name;
        bool callsOnly = false;
        qint64 unitId = 0;
        qint64 lastHeardMs = 0;
        qint64 caughtUpTo = 0;
    };
    void write(QWebSocket *socket, Subscriber &subscriber, const QByteArray &frame);
    void drop(QWebSocket *socket);
    void checkLiveness();

    std::atomic<int> &m_count;
    QHash<QWebSocket *, Subscriber> m_subscribers;
    QTimer m_liveness;
};

} // namespace clinico::server
