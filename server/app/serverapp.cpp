// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/serverapp.h"

#include "transport/lingeringclose.h"

#include "api/routeaccess.h"
#include "auth/deviceauth.h"
#include "storage/schema.h"
#include "transport/guardedtcpserver.h"
#include "transport/lingeringclose.h"
#include "users/sessioncookie.h"

#include <QFile>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcServer, "clinico.server")

namespace clinico::server {

namespace {
constexpr int kCloseUnauthorized = 4401;
constexpr int kCloseForbidden = 4403;
} // namespace

ServerApp::ServerApp(ServerConfig config, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_store(clock, BusinessDay(m_config.resetTime, m_config.timeZone))
    , m_users(m_store.database(), clock, m_store.scope())
    , m_presence(m_store, clock)
    , m_hub(m_store, m_presence, m_config.eventThreads)
    , m_follower(m_store.events(), m_store.database())
    , m_reset(m_store, clock)
    , m_retention(m_store, clock)
    , m_checkpoint(m_store.database())
    , m_api(m_store, m_hub, m_presence, m_reset, m_users, clock, m_config)
    , m_phoneStreams(m_api.phone())
{
    m_store.work().onEventCommitted = [this](const protocol::Event &e) { m_follower.committed(e); };
    m_follower.deliver = [this](const protocol::Event &e, bool local) {
        if (!local)
            followChangeElsewhere(e);
        m_hub.broadcast(e);
        m_phoneStreams.changed();
    };
    m_api.install(m_http);
    connect(&m_http, &QHttpServer::newWebSocketConnection, this, &ServerApp::acceptWebSockets);
}

Status ServerApp::start()
{
    if (Status s = m_store.open(m_config.database, m_config.patientKeyPath()); !s)
        return s;
    // Before anything commits (the day's rollover below): the log so far is history.
    if (Status s = m_follower.start(); !s)
        return s;
    if (Status s = applyStoredResetTime(); !s)
        return s;
    auditSignInMapping();
    m_reset.start();
    m_retention.start();
    m_checkpoint.start();
    if (m_store.database().isPostgres()) {
        m_listener = std::make_unique<PgNotifyListener>(m_config.database.url());
        connect(m_listener.get(), &PgNotifyListener::heard, &m_follower, &EventFollower::heardOf);
        connect(m_listener.get(), &PgNotifyListener::resumed, &m_follower, [this] { m_follower.heardOf(0); });
        m_listener->start();
    }
    m_store.database().releaseStatements();
    auto tcp = std::make_unique<GuardedTcpServer>(m_config.connections, m_config.trustedProxies);
    if (!tcp->listen(QHostAddress(m_config.listenAddress), m_config.port))
        return makeError(QStringLiteral("listen"),
            QStringLiteral("Não consegui escutar em %1:%2 (porta em uso?).")
                .arg(m_config.listenAddress)
                .arg(m_config.port));
    m_port = tcp->serverPort();
    m_tcp = tcp.get();
    m_http.bind(tcp.release());
    if (!m_config.portFile.isEmpty()) {
        QSaveFile f(m_config.portFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray::number(m_port) + '\n') < 0 || !f.commit())
            return makeError(QStringLiteral("port_file"),
                QStringLiteral("Não consegui gravar %1.").arg(m_config.portFile));
    }
    qCInfo(lcServer) << "listening on"
                     << QStringLiteral("http://%1:%2").arg(m_config.listenAddress).arg(m_port) << "data"
                     << m_config.database.display() << "last event" << m_store.events().lastSeq();
    return Ok {};
}

Status ServerApp::applyStoredResetTime()
{
    const QTime resetAt
        = QTime::fromString(m_store.catalog().setting(SettingKey::ResetTime), QStringLiteral("HH:mm"));
    return resetAt.isValid() ? m_reset.setResetTime(resetAt) : Status(Ok {});
}

// Everything else this instance remembers is either read from the database each time, keyed
// by the log's seq (the snapshot), or this instance's own on purpose (docs: README, "Running a
// network of clinics").
void ServerApp::followChangeElsewhere(const protocol::Event &event)
{
    if (event.kind == protocol::EventKind::DayReset) {
        m_store.tickets().reloadCurrentDay();
    } else if (event.kind == protocol::EventKind::SettingsChanged) {
        if (Status s = applyStoredResetTime(); !s)
            qCWarning(lcServer) << "reset time from another instance:" << s.error().message;
    } else if (event.kind == protocol::EventKind::UnitChanged) {
        // A new name or time zone: the next request of that unit numbers and dates by it.
        if (Status s = m_store.units().reload(); !s)
            qCWarning(lcServer) << "units from another instance:" << s.error().message;
    }
}

void ServerApp::auditSignInMapping()
{
    const QString mapping = m_config.oidc.enabled() ? m_config.oidc.mappingText() : QString();
    const QString before = m_store.catalog().setting(SettingKey::OidcMapping);
    if (mapping == before)
        return;
    const QString none = QStringLiteral("(sem provedor)");
    if (Status saved = m_store.catalog().setSetting(SettingKey::OidcMapping, mapping); !saved)
        qCWarning(lcServer) << "could not record the sign-in mapping:" << saved.error().message;
    m_store.audit().record(Actor { 0, QStringLiteral("config:server.conf") }, QStringLiteral("sso.mapping"),
        0,
        QStringLiteral("%1 → %2").arg(before.isEmpty() ? none : before, mapping.isEmpty() ? none : mapping));
    qCInfo(lcServer) << "sign-in mapping now" << (mapping.isEmpty() ? none : mapping);
}

void ServerApp::acceptWebSockets()
{
    while (m_http.hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_http.nextPendingWebSocketConnection();
        if (!socket)
            continue;
        QTcpSocket *tcp = m_tcp->takeUpgraded(socket->peerAddress(), socket->peerPort());
        lingerOnClose(socket.get(), tcp);
        if (socket->requestUrl().path() == QLatin1String("/t/live")) {
            // A patient's phone: the ticket's token is all it needs (server/phone/phonestreams.h).
            const QString token = QUrlQuery(socket->requestUrl()).queryItemValue(QStringLiteral("token"));
            m_phoneStreams.attach(socket.release(), tcp, token);
            continue;
        }
        auto device = tcp ? authorizeSubscriber(*socket)
                          : makeError(QStringLiteral("internal"), QStringLiteral("Conexão perdida."), 500);
        if (!device) {
            qCInfo(lcServer) << "subscriber from"
                             << m_config.trustedProxies
                                    .clientAddress(
                                        socket->peerAddress(), socket->request().rawHeader("X-Forwarded-For"))
                                    .toString()
                             << "refused:" << device.error().code;
            const int code = device.error().httpStatus == 401 ? kCloseUnauthorized
                : device.error().httpStatus == 403            ? kCloseForbidden
                                                   : int(QWebSocketProtocol::CloseCodeBadOperation);
            QWebSocket *raw = socket.release();
            connect(raw, &QWebSocket::disconnected, raw, [raw, tcp] {
                raw->deleteLater();
                if (tcp)
                    tcp->deleteLater();
            });
            raw->close(QWebSocketProtocol::CloseCode(code), device.error().message);
            continue;
        }
        bool ok = false;
        const QString sinceText = QUrlQuery(socket->requestUrl()).queryItemValue(QStringLiteral("since"));
        qint64 since = sinceText.toLongLong(&ok);
        if (!ok || since < 0)
            since = -1;
        // Taken now (QWebSocketServer keeps only 30 waiting), handed to the hub once this
        // emission is over: it is announced from inside its connection's readyRead, and moved to
        // an I/O thread mid-emission the connection's read notifier would be re-enabled from the
        // wrong thread on the way out, and the socket would never read again.
        QMetaObject::invokeMethod(
            this, [this, ws = socket.release(), tcp, d = *device, since] { m_hub.attach(ws, tcp, d, since); },
            Qt::QueuedConnection);
    }
}

Result<DeviceRecord> ServerApp::authorizeSubscriber(const QWebSocket &socket)
{
    const QNetworkRequest request = socket.request();
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const QByteArray &name : request.rawHeaderList())
        headers << qMakePair(name, request.rawHeader(name));
    const QString token = DeviceAuth::tokenFrom(headers, socket.requestUrl(), true);
    const QString cookie = SessionCookie::tokenFrom(request.rawHeader("Cookie"));
    if (!token.isEmpty() || cookie.isEmpty())
        return DeviceAuth::authorize(
            m_store, token, rolesFor(QHttpServerRequest::Method::Get, u"/api/v1/events"));
    // Browsers send cookies on cross-site WebSockets too: only the console's own pages may.
    // Every browser sends Origin on a WebSocket; without one it is not the console.
    if (socket.origin().isEmpty()
        || !SessionCookie::originAllowed(socket.origin().toLatin1(), request.rawHeader("Host")))
        return makeError(QStringLiteral("forbidden"), QStringLiteral("Origem recusada."), 403);
    const auto session = m_users.session(cookie);
    if (!session)
        return makeError(
            QStringLiteral("unauthorized"), QStringLiteral("Sessão expirada: entre de novo."), 401);
    return DeviceRecord { 0, QStringLiteral("user:%1").arg(session->user.username), session->deviceRole(),
        false, 0, {}, {}, session->unitId };
}

} // namespace clinico::server
