// SPDX-License-Identifier: GPL-3.0-or-later
#include "phone/phonestreams.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QWebSocket>

namespace clinico::server {

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
    QHash<QString, QByteArray> frames;
    for (auto it = m_sockets.cbegin(); it != m_sockets.cend(); ++it) {
        if (frames.contains(it->token))
            continue;
        const auto status = m_page.status(it->token);
        frames.insert(it->token,
            status ? QJsonDocument(status->toJson()).toJson(QJsonDocument::Compact) : QByteArray());
    }
    for (auto it = frames.cbegin(); it != frames.cend(); ++it) {
        if (it.value().isEmpty() || m_lastSent.value(it.key()) == it.value())
            continue;
        m_lastSent.insert(it.key(), it.value());
        for (auto s = m_sockets.cbegin(); s != m_sockets.cend(); ++s) {
            if (s->token == it.key())
                s.key()->sendTextMessage(QString::fromUtf8(it.value()));
        }
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
