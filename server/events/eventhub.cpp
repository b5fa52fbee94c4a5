// SPDX-License-Identifier: GPL-3.0-or-later
#include "events/eventhub.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcEvents, "clinico.server.events")

namespace clinico::server {

using namespace clinico::protocol;

namespace {
QString frame(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
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

EventHub::EventHub(QueueStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_pingTimer.setInterval(kPingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &EventHub::pingAll);
    m_pingTimer.start();
}

EventHub::~EventHub()
{
    for (QWebSocket *socket : m_clients.keys()) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

void EventHub::attach(QWebSocket *socket, const DeviceRecord &device, qint64 since)
{
    socket->setParent(this);
    socket->setMaxAllowedIncomingFrameSize(kMaxWebSocketMessageBytes);
    socket->setMaxAllowedIncomingMessageSize(kMaxWebSocketMessageBytes);
    m_clients.insert(socket, Client { device, QDateTime::currentMSecsSinceEpoch() });
    auto alive = [this, socket] {
        if (auto it = m_clients.find(socket); it != m_clients.end())
            it->lastActivityMs = QDateTime::currentMSecsSinceEpoch();
    };
    connect(socket, &QWebSocket::pong, this, alive);
    connect(socket, &QWebSocket::textMessageReceived, this, alive);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { drop(socket); });
    qCInfo(lcEvents) << "subscriber" << device.name << "(" << device.role << ") since" << since;

    if (sendCatchUp(socket, device.role, since))
        m_store.devices().touchDevice(device.id);
    m_store.database().releaseStatements();
}

// A subscriber must never take silence for "nothing happened": when the log cannot be read it
// is closed (1011) instead, and reconnects with its last seq until the log can be read again.
void EventHub::closeUnread(QWebSocket *socket, qint64 after, const Error &error)
{
    qCWarning(lcEvents) << "event log after seq" << after << "unreadable:" << error.message;
    socket->close(QWebSocketProtocol::CloseCodeBadOperation, QStringLiteral("event log unavailable"));
}

bool EventHub::sendCatchUp(QWebSocket *socket, const QString &role, qint64 since)
{
    const auto bounds = m_store.events().bounds();
    if (!bounds) {
        closeUnread(socket, since, bounds.error());
        return false;
    }
    const auto [first, last] = *bounds;
    const Hello hello { last, QDateTime::currentMSecsSinceEpoch(), role, isFilteredFor(role) };
    socket->sendTextMessage(frame(hello.toJson()));
    const bool needsSnapshot
        = since < 0 || since > last || last - since > kMaxBacklog || (first > 0 && since < first - 1);
    qint64 from = since;
    if (needsSnapshot) {
        const CachedSnapshot &snapshot = snapshotFor(role);
        socket->sendTextMessage(snapshot.frame);
        from = snapshot.seq;
    }
    for (;;) {
        const auto read = m_store.events().eventsAfter(from, 500);
        if (!read) {
            closeUnread(socket, from, read.error());
            return false;
        }
        const QList<Event> &batch = *read;
        for (const Event &e : batch) {
            if (isForRole(role, e.kind))
                socket->sendTextMessage(frame(e.toJson()));
        }
        if (batch.size() < 500)
            return true;
        from = batch.last().seq;
    }
}

// Ten desks (or a thousand TVs) subscribing after a restart all want the snapshot of the same
// moment: it is built and serialised once per audience and sequence number, not per socket.
const EventHub::CachedSnapshot &EventHub::snapshotFor(const QString &role)
{
    const bool callsOnly = isFilteredFor(role);
    CachedSnapshot &cached = m_snapshots[callsOnly ? 0 : 1];
    const qint64 seq = m_store.events().lastSeq();
    if (cached.seq != seq || cached.frame.isEmpty()) {
        const Snapshot snapshot = m_store.snapshot(callsOnly ? QueueStore::SnapshotAudience::CallsOnly
                                                             : QueueStore::SnapshotAudience::WithOpenTickets);
        cached = { snapshot.seq, frame(snapshot.toJson()) };
    }
    return cached;
}

void EventHub::broadcast(const Event &event)
{
    if (m_clients.isEmpty())
        return;
    const QString text = frame(event.toJson());
    QList<QWebSocket *> audience;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (isForRole(it->device.role, event.kind))
            audience << it.key();
    }
    for (QWebSocket *socket : std::as_const(audience))
        sendOrDrop(socket, text);
}

void EventHub::sendOrDrop(QWebSocket *socket, const QString &text)
{
    if (socket->bytesToWrite() <= kMaxUnsentBytes) {
        socket->sendTextMessage(text);
        return;
    }
    const auto it = m_clients.constFind(socket);
    qCWarning(lcEvents) << "subscriber" << (it != m_clients.cend() ? it->device.name : QString())
                        << "stopped reading (" << socket->bytesToWrite() << "bytes unsent): closed";
    // The close frame would wait behind the data the peer is not reading: say why for a peer
    // that reads again, and cut the connection so its buffer goes now.
    socket->close(
        QWebSocketProtocol::CloseCode(kCloseTooSlow), QStringLiteral("too slow: resume from your last seq"));
    socket->abort();
    drop(socket);
}

void EventHub::drop(QWebSocket *socket)
{
    if (m_clients.remove(socket)) {
        qCInfo(lcEvents) << "subscriber left; now" << m_clients.size();
        socket->deleteLater();
    }
}

void EventHub::pingAll()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<QWebSocket *> dead;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (now - it->lastActivityMs > kDeadAfterMs)
            dead << it.key();
        else
            it.key()->ping();
    }
    for (QWebSocket *socket : dead) {
        qCInfo(lcEvents) << "dropping silent subscriber" << m_clients.value(socket).device.name;
        socket->abort();
        drop(socket);
    }
}

} // namespace clinico::server
