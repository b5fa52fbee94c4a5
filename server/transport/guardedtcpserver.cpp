// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/guardedtcpserver.h"

#include "api/jsonresponse.h"
#include "protocol/messages.h"
#include "transport/requestframing.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

#include <limits>

Q_LOGGING_CATEGORY(lcTransport, "clinico.server.transport")

namespace clinico::server {

namespace {
using namespace std::chrono_literals;

// After a refusal, what the client still sends is read and dropped for a moment so the
// answer reaches it (closing with unread bytes makes the kernel reset the connection).
constexpr auto kLingerAfterRefusal = 2s;
// Accepting stops when the process runs out of descriptors; try again after this.
constexpr auto kAcceptRetry = 1s;

// A refusal on the wire: the one JSON error body, then the connection closes.
QByteArray httpAnswer(const Error &error, const char *reason)
{
    const QByteArray body = QJsonDocument(protocol::ErrorBody { error.code, error.message }.toJson())
                                .toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(error.httpStatus) + ' ' + reason
        + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray refusalAnswer(RequestFraming::Refusal refusal)
{
    switch (refusal) {
    case RequestFraming::Refusal::HeadTooLarge:
        return httpAnswer(makeError(QStringLiteral("headers_too_large"),
                              QStringLiteral("Cabeçalhos da requisição maiores que %1 KiB.")
                                  .arg(protocol::kMaxRequestHeadBytes / 1024),
                              431),
            "Request Header Fields Too Large");
    case RequestFraming::Refusal::BodyTooLarge:
        return httpAnswer(bodyTooLarge(), "Payload Too Large");
    case RequestFraming::Refusal::Malformed:
    case RequestFraming::Refusal::None:
        break;
    }
    return httpAnswer(makeError(QStringLiteral("malformed_request"),
                          QStringLiteral("Requisição HTTP malformada (Content-Length, Transfer-Encoding "
                                         "ou chunks).")),
        "Bad Request");
}

QByteArray timeoutAnswer()
{
    return httpAnswer(makeError(QStringLiteral("request_timeout"),
                          QStringLiteral("A requisição demorou demais para chegar."), 408),
        "Request Timeout");
}

// Watches one connection. Its first readyRead slot runs before QHttpServer's (connected
// before the socket is handed over) and feeds the new bytes to a RequestFraming; its second
// runs after and notes what QHttpServer left unread (a pipelined request it will read on
// the readyRead it queues), so no byte is counted twice.
class ConnectionGuard : public QObject
{
public:
    ConnectionGuard(QTcpSocket *socket, const ConnectionPolicy &policy, std::function<void()> onUpgraded)
        : QObject(socket)
        , m_socket(socket)
        , m_policy(policy)
        , m_framing(protocol::kMaxRequestHeadBytes, protocol::kMaxRequestBodyBytes)
        , m_deadline(this) // a child, so it moves with the socket to an I/O thread
        , m_onUpgraded(std::move(onUpgraded))
    {
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, &ConnectionGuard::onDeadline);
        connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::beforeServerReads);
        connect(m_socket, &QIODevice::bytesWritten, this, [this] {
            if (m_framing.phase() == RequestFraming::Phase::Idle)
                m_deadline.start(m_policy.idleTimeout);
        });
        m_deadline.start(m_policy.headerTimeout); // the first request is due now
    }

    // Once QHttpServer has connected its own readyRead slot.
    void followServer()
    {
        connect(m_socket, &QIODevice::readyRead, this, [this] { m_scanned = m_socket->bytesAvailable(); });
    }

private:
    void beforeServerReads()
    {
        const qint64 available = m_socket->bytesAvailable();
        if (available > m_scanned) {
            const QByteArray unread = m_socket->peek(available);
            m_framing.feed(QByteArrayView(unread).sliced(m_scanned));
            m_scanned = available;
        }
        switch (m_framing.phase()) {
        case RequestFraming::Phase::Idle:
        case RequestFraming::Phase::Body:
            m_deadline.start(m_policy.idleTimeout);
            break;
        case RequestFraming::Phase::Head:
            if (m_lastPhase != RequestFraming::Phase::Head)
                m_deadline.start(m_policy.headerTimeout);
            break;
        case RequestFraming::Phase::Upgraded:
            // QHttpServer hands the socket to QWebSocketServer: the event hub watches it now.
            m_deadline.stop();
            disconnect(m_socket, nullptr, this, nullptr);
            m_onUpgraded();
            break;
        case RequestFraming::Phase::Refused:
            refuse(refusalAnswer(m_framing.refusal()));
            break;
        }
        m_lastPhase = m_framing.phase();
    }

    void onDeadline()
    {
        if (m_refused) {
            m_socket->abort();
            return;
        }
        if (m_framing.phase() == RequestFraming::Phase::Idle) {
            m_socket->disconnectFromHost();
            return;
        }
        refuse(timeoutAnswer());
    }

    // Answers and closes. QHttpServer's readyRead slot is disconnected first: it never sees
    // the rest of this request (in this very emission too, Qt skips a disconnected slot).
    void refuse(const QByteArray &answer)
    {
        qCInfo(lcTransport) << m_socket->peerAddress().toString() << "refused:" << answer.left(12);
        m_refused = true;
        disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
        if (m_socket->isTransactionStarted())
            m_socket->rollbackTransaction();
        m_socket->skip(m_socket->bytesAvailable());
        connect(
            m_socket, &QIODevice::readyRead, this, [this] { m_socket->skip(m_socket->bytesAvailable()); });
        m_socket->write(answer);
        m_deadline.start(kLingerAfterRefusal);
    }

    QTcpSocket *m_socket;
    const ConnectionPolicy m_policy;
    RequestFraming m_framing;
    RequestFraming::Phase m_lastPhase = RequestFraming::Phase::Idle;
    QTimer m_deadline;
    qint64 m_scanned = 0; // bytes at the front of the unread ones already fed to m_framing
    bool m_refused = false;
    std::function<void()> m_onUpgraded;
};
} // namespace

GuardedTcpServer::GuardedTcpServer(ConnectionPolicy policy, TrustedProxies trustedProxies, QObject *parent)
    : QTcpServer(parent)
    , m_policy(policy)
    , m_trustedProxies(std::move(trustedProxies))
{
    setListenBacklogSize(kListenBacklog);
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        qCWarning(lcTransport) << "accept failed:" << error << errorString();
        QTimer::singleShot(kAcceptRetry, this, &QTcpServer::resumeAccepting);
    });
}

int GuardedTcpServer::capFor(const QHostAddress &address) const
{
    if (m_trustedProxies.contains(address))
        return std::numeric_limits<int>::max();
    return address.isLoopback() ? m_policy.maxPerLoopbackAddress : m_policy.maxPerAddress;
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    // A fixed kernel send buffer instead of one that autotunes up to 4 MiB: with thousands of
    // subscribers the kernel's share stays bounded, and a peer that stops reading shows up in
    // our own buffer, where the event hub bounds it.
    const int sendBuffer = kSendBufferBytes;
    ::setsockopt(int(descriptor), SOL_SOCKET, SO_SNDBUF, &sendBuffer, sizeof sendBuffer);
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    if (m_open.value(peer) >= capFor(peer)) {
        qCWarning(lcTransport) << peer.toString() << "already has" << m_open.value(peer)
                               << "connections: refused one more";
        socket->abort();
        delete socket;
        return;
    }
    ++m_open[peer];
    const QPair<QHostAddress, quint16> key { peer, socket->peerPort() };
    auto *guard
        = new ConnectionGuard(socket, m_policy, [this, key, socket] { m_upgraded.insert(key, socket); });
    // A connection's place is given back when it closes, on whichever thread it ended up.
    connect(guard, &QObject::destroyed, this, [this, key, socket] {
        if (--m_open[key.first] <= 0)
            m_open.remove(key.first);
        if (m_upgraded.value(key) == socket)
            m_upgraded.remove(key);
    });
    addPendingConnection(socket); // QHttpServer connects its slots here (pendingConnectionAvailable)
    guard->followServer();
}

QTcpSocket *GuardedTcpServer::takeUpgraded(const QHostAddress &peer, quint16 peerPort)
{
    QTcpSocket *socket = m_upgraded.take({ peer, peerPort });
    if (socket)
        socket->setParent(nullptr);
    return socket;
}

} // namespace clinico::server
