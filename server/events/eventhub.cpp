// SPDX-License-Identifier: GPL-3.0-or-later
#include "events/eventhub.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcEvents, "clinico.server.events")

namespace clinico::server {

using namespace clinico::protocol;

namespace {
// One whole, final, unmasked text frame (RFC 6455, 5.2), as a server sends it.
QByteArray textFrame(const QJsonObject &o)
{
    const QByteArray payload = QJsonDocument(o).toJson(QJsonDocument::Compact);
    const quint64 size = quint64(payload.size());
    QByteArray frame;
    frame.reserve(payload.size() + 10);
    frame.append(char(0x81)); // FIN, text
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xffff) {
        frame.append(char(126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((size >> shift) & 0xff));
    }
    frame.append(payload);
    return frame;
}

// Data minimisation (LGPD art. 6 III): a TV shows call-outs, so it is sent call-outs, the
// clinic's display settings and the daily reset, and nothing about who is waiting.
bool isFilteredFor(const QString &role)
{
    return role == u"tv";
}

bool isForRole(const QString &role, const QString &kind)
{
    if (!isFilteredFor(role))
        return true;
    return kind == EventKind::TicketCalled || kind == EventKind::SettingsChanged
        || kind == EventKind::DayReset;
}
} // namespace

EventHub::EventHub(QueueStore &store, DevicePresence &presence, int ioThreads, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_presence(presence)
{
    for (int i = 0; i < std::max(1, ioThreads); ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("events-%1").arg(i));
        auto *shard = new SubscriberShard(m_subscribers);
        shard->moveToThread(thread.get());
        connect(thread.get(), &QThread::finished, shard, &QObject::deleteLater);
        thread->start();
        m_shards.push_back(shard);
        m_threads.push_back(std::move(thread));
    }
    m_handovers.resize(m_shards.size());
}

EventHub::~EventHub()
{
    handOver();
    for (SubscriberShard *shard : m_shards)
        QMetaObject::invokeMethod(shard, &SubscriberShard::closeAll, Qt::BlockingQueuedConnection);
    for (auto &thread : m_threads) {
        thread->quit();
        thread->wait();
    }
}

void EventHub::attach(QWebSocket *socket, QTcpSocket *tcp, const DeviceRecord &device, qint64 since)
{
    socket->setMaxAllowedIncomingFrameSize(kMaxWebSocketMessageBytes);
    socket->setMaxAllowedIncomingMessageSize(kMaxWebSocketMessageBytes);
    qCInfo(lcEvents) << "subscriber" << device.name << "(" << device.role << ") since" << since;
    auto caughtUp = catchUp(device, since);
    m_store.database().releaseStatements();
    if (!caughtUp) {
        // A subscriber must never take silence for "nothing happened": when the log cannot be
        // read it is closed (1011) instead, and reconnects with its last seq until it can.
        qCWarning(lcEvents) << "event log after seq" << since << "unreadable:" << caughtUp.error().message;
        connect(socket, &QWebSocket::disconnected, socket, [socket, tcp] {
            socket->deleteLater();
            tcp->deleteLater();
        });
        socket->close(QWebSocketProtocol::CloseCodeBadOperation, QStringLiteral("event log unavailable"));
        return;
    }
    m_presence.seen(device.id);
    const std::size_t index = m_nextShard++ % m_shards.size();
    socket->setParent(nullptr);
    tcp->setParent(nullptr);
    socket->moveToThread(m_shards[index]->thread());
    tcp->moveToThread(m_shards[index]->thread());
    m_handovers[index] << SubscriberShard::Handover { socket, tcp, device.name, isFilteredFor(device.role),
        device.unitId, caughtUp->frames, caughtUp->seq };
    if (!m_handOverScheduled) {
        m_handOverScheduled = true;
        QMetaObject::invokeMethod(this, &EventHub::handOver, Qt::QueuedConnection);
    }
}

void EventHub::handOver()
{
    m_handOverScheduled = false;
    for (std::size_t i = 0; i < m_shards.size(); ++i) {
        if (m_handovers[i].isEmpty())
            continue;
        QMetaObject::invokeMethod(
            m_shards[i],
            [shard = m_shards[i], batch = std::exchange(m_handovers[i], {})] { shard->adopt(batch); },
            Qt::QueuedConnection);
    }
}

Result<EventHub::CatchUp> EventHub::catchUp(const DeviceRecord &device, qint64 since)
{
    const QString &role = device.role;
    auto entered = m_store.enterUnit(device.unitId);
    if (!entered)
        return entered.error();
    const auto bounds = m_store.events().bounds();
    if (!bounds)
        return bounds.error();
    const auto [first, last] = *bounds;
    // One sequence for the network: with several units, another unit's events leave gaps.
    const bool filtered = isFilteredFor(role) || m_store.units().units().size() > 1;
    QList<QByteArray> frames { textFrame(
        Hello { last, QDateTime::currentMSecsSinceEpoch(), role, filtered }.toJson()) };
    const bool needsSnapshot
        = since < 0 || since > last || last - since > kMaxBacklog || (first > 0 && since < first - 1);
    qint64 from = since;
    if (needsSnapshot) {
        const CachedSnapshot &snapshot = snapshotFor(role);
        frames << snapshot.frame;
        from = snapshot.seq;
    }
    for (;;) {
        const auto read = m_store.events().eventsAfter(from, 500);
        if (!read)
            return read.error();
        const QList<Event> &batch = *read;
        for (const Event &e : batch) {
            if (e.unitId == device.unitId && isForRole(role, e.kind))
                frames << textFrame(e.toJson());
        }
        if (!batch.isEmpty())
            from = batch.last().seq;
        if (batch.size() < 500)
            return CatchUp { frames, from };
    }
}

// Ten desks (or a thousand TVs) subscribing after a restart all want the snapshot of the same
// moment: it is built and encoded once per audience and sequence number, not per socket.
const EventHub::CachedSnapshot &EventHub::snapshotFor(const QString &role)
{
    const bool callsOnly = isFilteredFor(role);
    CachedSnapshot &cached = m_snapshots[m_store.currentUnit()][callsOnly ? 0 : 1];
    const qint64 seq = m_store.events().lastSeq();
    if (cached.seq != seq || cached.frame.isEmpty()) {
        const Snapshot snapshot = m_store.snapshot(callsOnly ? QueueStore::SnapshotAudience::CallsOnly
                                                             : QueueStore::SnapshotAudience::WithOpenTickets);
        cached = { snapshot.seq, textFrame(snapshot.toJson()) };
    }
    return cached;
}

// Encoded once for everyone; each I/O thread writes it to its own subscribers.
void EventHub::broadcast(const Event &event)
{
    handOver();
    const QByteArray frame = textFrame(event.toJson());
    const bool tvsToo = isForRole(QStringLiteral("tv"), event.kind);
    for (SubscriberShard *shard : m_shards) {
        QMetaObject::invokeMethod(
            shard,
            [shard, frame, unit = event.unitId, tvsToo, seq = event.seq] { shard->send(frame, unit, tvsToo, seq); },
            Qt::QueuedConnection);
    }
}

} // namespace clinico::server
