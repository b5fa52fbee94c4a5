// SPDX-License-Identifier: GPL-3.0-or-later
#include "events/subscribershard.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QWebSocket>

#include <sys/socket.h>

Q_DECLARE_LOGGING_CATEGORY(lcEvents)

namespace clinico::server {

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

SubscriberShard::SubscriberShard(std::atomic<int> &subscriberCount)
    : m_count(subscriberCount)
    , m_liveness(this)
{
    m_liveness.setInterval(kPingIntervalMs / 3);
    connect(&m_liveness, &QTimer::timeout, this, &SubscriberShard::checkLiveness);
}

SubscriberShard::~SubscriberShard()
{
    closeAll();
}

void SubscriberShard::adopt(const QList<Handover> &batch)
{
    if (!m_liveness.isActive())
        m_liveness.start();
    for (const Handover &h : batch) {
        QWebSocket *socket = h.socket;
        auto it = m_subscribers.insert(
            socket, Subscriber { h.tcp, h.name, h.callsOnly, h.unitId, nowMs(), h.caughtUpTo });
        ++m_count;
        // Anything the peer sends (its pings, a pong, a close) shows it is there.
        connect(h.tcp, &QIODevice::readyRead, this, [this, socket] {
            if (auto found = m_subscribers.find(socket); found != m_subscribers.end())
                found->lastHeardMs = nowMs();
        });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] { drop(socket); });
        if (socket->state() != QAbstractSocket::ConnectedState) { // it left while being handed over
            drop(socket);
            continue;
        }
        for (const QByteArray &frame : h.catchUp) {
            write(socket, *it, frame);
            if (!m_subscribers.contains(socket))
                break;
        }
    }
}

void SubscriberShard::send(const QByteArray &frame, qint64 unitId, bool forCallsOnlyToo, qint64 seq)
{
    // Collected first: writing may drop a subscriber, which changes the hash.
    QList<QWebSocket *> audience;
    audience.reserve(m_subscribers.size());
    for (auto it = m_subscribers.cbegin(); it != m_subscribers.cend(); ++it) {
        if (it->unitId == unitId && (forCallsOnlyToo || !it->callsOnly) && seq > it->caughtUpTo)
            audience << it.key();
    }
    for (QWebSocket *socket : std::as_const(audience)) {
        if (auto it = m_subscribers.find(socket); it != m_subscribers.end())
            write(socket, *it, frame);
    }
}

// The frame is a whole, unmasked WebSocket frame (RFC 6455, 5.2): written as it is, it is
// shared by every subscriber's buffer instead of being encoded once per socket. QWebSocket
// itself writes only whole control frames (pong, close) to the same connection.
void SubscriberShard::write(QWebSocket *socket, Subscriber &subscriber, const QByteArray &frame)
{
    QTcpSocket *tcp = subscriber.tcp;
    if (tcp->bytesToWrite() == 0) {
        // Nothing waits in Qt's buffer, so nothing can be overtaken: straight to the kernel in
        // one call. Through QTcpSocket::write and flush, Qt arms and disarms a write notifier
        // for every subscriber on every event, a fifth of this thread's time at 19,000.
        const ssize_t sent = ::send(int(tcp->socketDescriptor()), frame.constData(), std::size_t(frame.size()),
            MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent == frame.size())
            return;
        // The kernel took part of it (or none, or the peer is gone): Qt writes the rest when
        // the socket is writable again, or finds the error and disconnects.
        tcp->write(sent > 0 ? frame.sliced(sent) : frame);
        tcp->flush();
        return;
    }
    if (tcp->bytesToWrite() <= kMaxUnsentBytes) {
        tcp->write(frame);
        tcp->flush();
        return;
    }
    qCWarning(lcEvents) << "subscriber" << subscriber.name << "stopped reading (" << tcp->bytesToWrite()
                        << "bytes unsent): closed";
    // The close frame would wait behind the data the peer is not reading: say why for a peer
    // that reads again, and cut the connection so its buffer goes now.
    socket->close(
        QWebSocketProtocol::CloseCode(kCloseTooSlow), QStringLiteral("too slow: resume from your last seq"));
    socket->abort();
    drop(socket);
}

void SubscriberShard::drop(QWebSocket *socket)
{
    const auto it = m_subscribers.find(socket);
    if (it == m_subscribers.end())
        return;
    QTcpSocket *tcp = it->tcp;
    m_subscribers.erase(it);
    --m_count;
    socket->disconnect(this);
    tcp->disconnect(this);
    socket->deleteLater();
    tcp->deleteLater(); // QWebSocket does not own the connection it was upgraded from
}

void SubscriberShard::checkLiveness()
{
    const qint64 now = nowMs();
    QList<QWebSocket *> dead;
    for (auto it = m_subscribers.cbegin(); it != m_subscribers.cend(); ++it) {
        const qint64 silentMs = now - it->lastHeardMs;
        if (silentMs > kDeadAfterMs)
            dead << it.key();
        else if (silentMs > kPingIntervalMs)
            it.key()->ping();
    }
    for (QWebSocket *socket : std::as_const(dead)) {
        qCInfo(lcEvents) << "dropping silent subscriber" << m_subscribers.value(socket).name;
        socket->abort();
        drop(socket);
    }
}

void SubscriberShard::closeAll()
{
    const QList<QWebSocket *> sockets = m_subscribers.keys();
    for (QWebSocket *socket : sockets) {
        QTcpSocket *tcp = m_subscribers.value(socket).tcp;
        socket->disconnect(this);
        socket->abort();
        delete socket;
        delete tcp;
    }
    m_count -= int(m_subscribers.size());
    m_subscribers.clear();
}

} // namespace clinico::server
