// SPDX-License-Identifier: GPL-3.0-or-later
// Staff sessions: how a person logs in to the console, and how every request proves it.
#include "api/httpapi.h"
#include "api/jsonresponse.h"
#include "auth/deviceauth.h"
#include "users/passwordhash.h"
#include "users/sessioncookie.h"

#include <QCoreApplication>
#include <QThreadPool>

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace clinico::server {

using namespace clinico::protocol;
using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponder::StatusCode;

namespace {

bool changesState(const QHttpServerRequest &request)
{
    return request.method() != Method::Get && request.method() != Method::Head;
}

Error crossSite()
{
    return makeError(
        QStringLiteral("csrf"), QStringLiteral("Pedido de outro site recusado; recarregue a página."), 403);
}

} // namespace

Result<std::pair<DeviceRecord, std::optional<StaffSession>>> HttpApi::authenticate(
    const QHttpServerRequest &request, const QStringList &roles)
{
    using Who = std::pair<DeviceRecord, std::optional<StaffSession>>;
    const QString bearer = DeviceAuth::tokenFrom(request.headers(), request.url(), false);
    const QString cookie = SessionCookie::tokenFrom(headerValue(request, "cookie"));
    if (!bearer.isEmpty() || cookie.isEmpty()) {
        auto device = DeviceAuth::authorize(m_store, bearer, roles);
        if (!device)
            return device.error();
        return Who { *device, std::nullopt };
    }
    auto session = m_users.session(cookie);
    if (!session)
        return makeError(QStringLiteral("unauthorized"),
            QStringLiteral("Sessão expirada ou encerrada: entre de novo."), 401);
    if (changesState(request)) {
        if (!SessionCookie::originAllowed(headerValue(request, "origin"), headerValue(request, "host")))
            return crossSite();
        if (headerValue(request, "x-csrf-token") != session->csrfToken.toLatin1())
            return crossSite();
    }
    const QString role = session->deviceRole();
    if (role != Role::Admin && !roles.contains(role))
        return makeError(QStringLiteral("forbidden"),
            QStringLiteral("%1 (%2) não tem permissão para isto.")
                .arg(session->user.username, session->user.role),
            403);
    DeviceRecord asDevice { 0, session->user.username, role, false, 0, {}, {}, session->unitId };
    return Who { asDevice, session };
}

void HttpApi::addSessionRoutes()
{

    // The argon2id check takes about 0.1 s: it runs on a worker thread so calls, events and
    // other requests are not held up while someone logs in.
    addDeferred(Method::Post, QStringLiteral("/api/v1/session"),
        [this](Context &ctx, QHttpServerResponder &&responder) {
            if (!SessionCookie::originAllowed(
                    headerValue(ctx.request, "origin"), headerValue(ctx.request, "host")))
                return write(errorReply(crossSite()), std::move(responder));
            auto login = LoginRequest::fromJson(ctx.body);
            if (!login)
                return write(errorReply(login.error()), std::move(responder));
            const QString address = ctx.client;
            if (m_oidc && !m_oidc->settings().allowsLocalLogin(login->username)) {
                m_store.audit().record(Actor { 0, QStringLiteral("address:%1").arg(address) },
                    QStringLiteral("login_failed"), 0, login->username.left(40));
                return write(errorReply(makeError(QStringLiteral("local_login_off"),
                                 QStringLiteral("Nesta clínica a equipe entra pelo botão “Entrar "
                                                "com %1”, acima. O login com senha é só do "
                                                "administrador de emergência.")
                                     .arg(m_oidc->settings().displayName),
                                 403)),
                    std::move(responder));
            }
            const auto wait = m_throttle.retryAfterSeconds(login->username, address);
            if (!wait)
                return write(errorReply(wait.error()), std::move(responder));
            if (*wait > 0) {
                qCWarning(lcHttp) << "login throttled for" << login->username << "from" << address;
                QHttpServerResponse r = errorReply(makeError(QStringLiteral("too_many_attempts"),
                    QStringLiteral("Muitas tentativas erradas. Conta bloqueada por %1 min; fale com o "
                                   "administrador se precisar antes.")
                        .arg((*wait + 59) / 60),
                    429));
                r.setHeader("Retry-After", QByteArray::number(*wait));
                return write(std::move(r), std::move(responder));
            }
            if (Status s = m_throttle.recordFailure(login->username, address); !s)
                return write(errorReply(s.error()), std::move(responder));
            const UserStore::Credentials account = m_users.credentials(login->username);
            auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
            QThreadPool::globalInstance()->start([this, pending, account, login = *login, address] {
                const bool right = PasswordHash::verify(account.passwordHash, login.password)
                    && account.userId && account.active;
                QMetaObject::invokeMethod(
                    QCoreApplication::instance(), [this, pending, account, right, login, address] {
                        write(finishLogin(right ? account.userId : 0, login.username, address),
                            std::move(*pending));
                    });
            });
        });

    add(Method::Get, QStringLiteral("/api/v1/session"), [](Context &ctx) {
        if (!ctx.session)
            return errorReply(makeError(QStringLiteral("unauthorized"),
                QStringLiteral("Sem sessão: entre com usuário e senha."), 401));
        return json(ctx.session->info().toJson());
    });

    // A session opened through the provider also ends the provider's own session: the reply
    // names the provider's logout page (RP-initiated logout) for the browser to go to.
    add(Method::Delete, QStringLiteral("/api/v1/session"), [this](Context &ctx) {
        QUrl providerLogout;
        if (ctx.session) {
            const QString token = SessionCookie::tokenFrom(headerValue(ctx.request, "cookie"));
            if (const QByteArray idToken = m_users.idTokenOf(token); m_oidc && !idToken.isEmpty())
                providerLogout = m_oidc->logoutUrl(idToken);
            m_users.closeSession(token);
            m_store.audit().record(ctx.actor(), QStringLiteral("logout"), 0, {});
        }
        QHttpServerResponse r = providerLogout.isEmpty()
            ? QHttpServerResponse(StatusCode::NoContent)
            : json({ { QStringLiteral("logoutUrl"), providerLogout.toString(QUrl::FullyEncoded) } });
        r.setHeader("Set-Cookie", SessionCookie::setCookie(QString(), 0, secureCookies()));
        return r;
    });
}

QHttpServerResponse HttpApi::finishLogin(qint64 userId, const QString &username, const QString &address)
{
    const auto user = userId ? m_users.user(userId) : std::nullopt;
    if (!user) {
        m_store.audit().record(Actor { 0, QStringLiteral("address:%1").arg(address) },
            QStringLiteral("login_failed"), 0, username.left(40));
        return errorReply(
            makeError(QStringLiteral("login_failed"), QStringLiteral("Usuário ou senha incorretos."), 401));
    }
    if (Status s = m_throttle.recordSuccess(username, address); !s)
        qCWarning(lcHttp) << "login throttle not cleared for" << username << ":" << s.error().message;
    auto opened = m_users.openSession(*user);
    if (!opened)
        return errorReply(opened.error());
    // The password check ran on a worker thread: the login goes to the person's own unit's log.
    auto entered = m_store.enterUnit(opened->first.unitId);
    if (!entered)
        return errorReply(entered.error());
    m_store.audit().record(
        Actor { 0, QStringLiteral("user:%1").arg(user->username) }, QStringLiteral("login"), 0, address);
    QHttpServerResponse r = json(opened->first.info().toJson());
    r.setHeader("Set-Cookie",
        SessionCookie::setCookie(opened->second, UserStore::kSessionLifetimeMs / 1000, secureCookies()));
    return r;
}

} // namespace clinico::server
