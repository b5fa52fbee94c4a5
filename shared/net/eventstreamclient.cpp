// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/eventstreamclient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcEventStream, "clinico.events.client")

namespace clinico {

namespace {
constexpr qint64 kMaxSnapshotBytes = 8 * 1024 * 1024;
// Close codes the server uses when the token is missing or has the wrong role.
constexpr int kCloseUnauthorized = 4401;
constexpr int kCloseForbidden = 4403;
} // namespace

EventStreamClient::EventStreamClient(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_socket.setMaxAllowedIncomingMessageSize(kMaxSnapshotBytes);
    m_socket.setMaxAllowedIncomingFrameSize(kMaxSnapshotBytes);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_attempt = 0;
        m_lastFrameMs = QDateTime::currentMSecsSinceEpoch();
        m_pingTimer.start();
        setConnected(true);
    });
    connect(&m_socket, &QWebSocket::disconnected, this, &EventStreamClient::onDisconnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &EventStreamClient::onTextMessage);
    connect(
        &m_socket, &QWebSocket::pong, this, [this] { m_lastFrameMs = QDateTime::currentMSecsSinceEpoch(); });

    m_pingTimer.setInterval(m_options.pingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        if (QDateTime::currentMSecsSinceEpoch() - m_lastFrameMs > m_options.deadAfterMs) {
            qCInfo(lcEventStream) << "no frame for" << m_options.deadAfterMs << "ms, reconnecting";
            m_socket.abort();
            return;
        }
        m_socket.ping();
    });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &EventStreamClient::connectNow);
}

EventStreamClient::~EventStreamClient()
{
    m_running = false;
    m_socket.disconnect(this);
    m_socket.abort();
}

QUrl EventStreamClient::eventsUrl(const QUrl &serverUrl, qint64 since)
{
    QUrl url = serverUrl;
    url.setScheme(
        serverUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(QStringLiteral("/api/v1/events"));
    QUrlQuery query;
    if (since >= 0)
        query.addQueryItem(QStringLiteral("since"), QString::number(since));
    url.setQuery(query);
    return url;
}

void EventStreamClient::start(qint64 lastSeq)
{
    m_lastSeq = lastSeq;
    m_running = true;
    connectNow();
}

void EventStreamClient::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    m_pingTimer.stop();
    m_socket.close();
}

void EventStreamClient::connectNow()
{
    if (!m_running)
        return;
    QNetworkRequest request(eventsUrl(m_options.serverUrl, m_lastSeq));
    request.setRawHeader("Authorization", "Bearer " + m_options.token.toUtf8());
    m_socket.open(request);
}

void EventStreamClient::scheduleReconnect()
{
    if (!m_running || m_reconnectTimer.isActive())
        return;
    const qint64 cap = std::min<qint64>(
        m_options.maxBackoffMs, qint64(m_options.initialBackoffMs) << std::min(m_attempt, 10));
    ++m_attempt;
    // Full jitter keeps a room full of TVs from reconnecting in lockstep after a server restart.
    const int delay = int(QRandomGenerator::global()->bounded(cap / 2, cap + 1));
    qCInfo(lcEventStream) << "reconnecting in" << delay << "ms";
    m_reconnectTimer.start(delay);
}

void EventStreamClient::onDisconnected()
{
    m_pingTimer.stop();
    setConnected(false);
    const int code = int(m_socket.closeCode());
    if (code == kCloseUnauthorized || code == kCloseForbidden) {
        Q_EMIT rejected(m_socket.closeReason());
        // Keep trying, slowly: IT may fix the token on the server side.
        m_attempt = 10;
    }
    scheduleReconnect();
}

void EventStreamClient::setConnected(bool connected)
{
    if (m_connected == connected)
        return;
    m_connected = connected;
    Q_EMIT connectedChanged(connected);
}

void EventStreamClient::onTextMessage(const QString &message)
{
    m_lastFrameMs = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject frame = QJsonDocument::fromJson(message.toUtf8()).object();
    const QString type = frame.value(QStringLiteral("type")).toString();
    if (type == protocol::FrameType::Event) {
        auto event = protocol::Event::fromJson(frame);
        if (!event) {
            qCWarning(lcEventStream) << "bad event frame:" << event.error().message;
            return;
        }
        if (event->seq <= m_lastSeq)
            return; // already seen (overlap after a reconnect)
        if (m_lastSeq >= 0 && event->seq != m_lastSeq + 1 && !m_filtered)
            qCWarning(lcEventStream) << "gap in event sequence:" << m_lastSeq << "->" << event->seq;
        m_lastSeq = event->seq;
        Q_EMIT eventReceived(*event);
    } else if (type == protocol::FrameType::Snapshot) {
        auto snapshot = protocol::Snapshot::fromJson(frame);
        if (!snapshot) {
            qCWarning(lcEventStream) << "bad snapshot frame:" << snapshot.error().message;
            return;
        }
        m_lastSeq = snapshot->seq;
        Q_EMIT snapshotReceived(*snapshot);
    } else if (type == protocol::FrameType::Hello) {
        if (auto hello = protocol::Hello::fromJson(frame)) {
            m_filtered = hello->filtered; // gaps in seq are expected then
            Q_EMIT helloReceived(*hello);
        }
    } else if (type == protocol::FrameType::Error) {
        qCWarning(lcEventStream) << "server error:" << frame.value(QStringLiteral("message")).toString();
    }
}

} // namespace clinico
