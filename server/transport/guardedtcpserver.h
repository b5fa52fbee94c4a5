// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transport/trustedproxies.h"

#include <QHash>
#include <QHostAddress>
#include <QTcpServer>

#include <functional>

#include <chrono>

namespace clinico::server {

// What one client may hold: how long it may take to send a request's headers, how long a
// connection may sit idle, and how many connections one address may have open. Loopback
// gets its own, larger cap. A trusted proxy (TrustedProxies) has none: it speaks for everyone
// behind it, and caps each of them itself (packaging/nginx/clinico.conf: limit_conn).
struct ConnectionPolicy
{
    std::chrono::seconds headerTimeout { 10 };
    std::chrono::seconds idleTimeout { 60 };
    int maxPerAddress = 64;
    int maxPerLoopbackAddress = 4096;
};

// The TCP server QHttpServer reads from (QAbstractHttpServer::bind). QHttpServer 6.4 has no
// limits and buffers a whole request before anyone sees it; here every connection gets a
// guard that sees each byte first and answers 413, 431, 400 or 408 and closes as soon as a
// request goes over protocol::kMaxRequestHeadBytes / kMaxRequestBodyBytes or a timeout.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    GuardedTcpServer(ConnectionPolicy policy, TrustedProxies trustedProxies, QObject *parent = nullptr);
    static constexpr int kSendBufferBytes = 128 * 1024; // the kernel doubles it
    // Connections waiting to be accepted: thousands of TVs reconnect at once after a restart.
    static constexpr int kListenBacklog = 4096;

    // The connection under a WebSocket that QHttpServer upgraded from it (QWebSocket keeps it
    // but neither owns nor exposes it), found by the peer's address and port: handed over
    // without a parent, so the event hub can move both to an I/O thread and delete both.
    QTcpSocket *takeUpgraded(const QHostAddress &peer, quint16 peerPort);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    int capFor(const QHostAddress &address) const;

    ConnectionPolicy m_policy;
    TrustedProxies m_trustedProxies;
    QHash<QHostAddress, int> m_open; // connections per remote address
    QHash<QPair<QHostAddress, quint16>, QTcpSocket *> m_upgraded; // not taken yet
};

} // namespace clinico::server
