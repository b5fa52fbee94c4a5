// SPDX-License-Identifier: GPL-3.0-or-later
#include "phone/phonestreams.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QWebSocket>

namespace clinico::server {

using protocol::PhoneStatus;

PhoneStreams::PhoneStreams(PhonePage &page, QObject *parent)
    : QObject(parent)
    , m_page(page)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(kCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &PhoneStreams::refresh);
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        m_lastSent.clear(); // one frame per socket even when nothing moved: the page knows it is live
        refresh();
    });
    m_refresh.start();
}

PhoneStreams::~PhoneStreams()
{
    for (auto it = m_sockets.begin(); it != m_sockets.end(); ++it) {
        it.key()->disconnect(this);
        delete it.key();
        delete it->tcp;
    }
}

void PhoneStreams::closeAndDelete(QWebSocket *socket, QTcpSocket *tcp, int code, const QString &why)
{
    QObject::connect(socket, &QWebSocket::disconnected, socket, [socket, tcp] {
        socket->deleteLater();
        if (tcp)
            tcp->deleteLater();
    });
    socket->close(QWebSocketProtocol::CloseCode(code), why);
}

void PhoneStreams::attach(QWebSocket *socket, QTcpSocket *tcp, const QString &token)
{
    const auto status = m_page.status(token);
    if (!status)
        return closeAndDelete(socket, tcp, kCloseNotFound, QStringLiteral("Senha não encontrada."));
    int sameToken = 0;
    for (const Subscriber &s : std::as_const(m_sockets))
        sameToken += s.token == token;
    if (m_sockets.size() >= kMaxSockets || sameToken >= kMaxPerToken)
        return closeAndDelete(socket, tcp, kCloseFull, QStringLiteral("Muitas conexões: atualizando aos poucos."));
    socket->setMaxAllowedIncomingFrameSize(kMaxIncomingBytes);
    socket->setMaxAllowedIncomingMessageSize(kMaxIncomingBytes);
    m_sockets.insert(socket, Subscriber { token, tcp });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { drop(socket); });
    const QByteArray frame = QJsonDocument(status->toJson()).toJson(QJsonDocument::Compact);
    m_lastSent.insert(token, frame);
    socket->sendTextMessage(QString::fromUtf8(frame));
}

void PhoneStreams::changed()
{
    if (!m_sockets.isEmpty() && !m_coalesce.isActive())
        m_coalesce.start();
}

void PhoneStreams::refresh()
{
    // Every stage's queue is worked out once (PhonePage::statuses), then each phone looked up:
    // O(queue + phones) a change, not O(queue x phones).
    QHash<QString, QList<QWebSocket *>> byToken;
    for (auto it = m_sockets.cbegin(); it != m_sockets.cend(); ++it)
        byToken[it->token] << it.key();
    const QHash<QString, PhoneStatus> statuses = m_page.statuses(byToken.keys());
    for (auto it = byToken.cbegin(); it != byToken.cend(); ++it) {
        const auto status = statuses.constFind(it.key());
        if (status == statuses.cend())
            continue;
        const QByteArray frame = QJsonDocument(status->toJson()).toJson(QJsonDocument::Compact);
        if (m_lastSent.value(it.key()) == frame)
            continue;
        m_lastSent.insert(it.key(), frame);
        for (QWebSocket *socket : it.value())
            socket->sendTextMessage(QString::fromUtf8(frame));
    }
}

void PhoneStreams::drop(QWebSocket *socket)
{
    const Subscriber s = m_sockets.take(socket);
    socket->deleteLater();
    if (s.tcp)
        s.tcp->deleteLater();
    bool tokenLeft = false;
    for (const Subscriber &other : std::as_const(m_sockets))
        tokenLeft = tokenLeft || other.token == s.token;
    if (!tokenLeft)
        m_lastSent.remove(s.token);
}

} // namespace clinico::server
