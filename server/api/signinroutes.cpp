// SPDX-License-Identifier: GPL-3.0-or-later
// Staff signing in with the clinic's OpenID Connect provider: the login button's target, the
// provider's way back, and what turns a verified ID token into the console's usual session.
#include "api/httpapi.h"
#include "api/jsonresponse.h"
#include "users/sessioncookie.h"

#include <QLoggingCategory>
#include <QUrlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace clinico::server {

using namespace clinico::protocol;
using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponder::StatusCode;

namespace {

Error notConfigured()
{
    return makeError(QStringLiteral("not_found"),
        QStringLiteral("Este servidor não tem um provedor de identidade configurado: entre com usuário e "
                       "senha."),
        404);
}

// Nothing on these pages (a code or state in the URL) may leak to another site or be framed.
void protect(QHttpServerResponse &r)
{
    r.setHeader("Referrer-Policy", "no-referrer");
    r.setHeader("X-Frame-Options", "DENY");
    r.setHeader(
        "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
}

QHttpServerResponse seeOther(const QByteArray &location)
{
    QHttpServerResponse r(StatusCode::SeeOther);
    r.setHeader("Location", location);
    protect(r);
    return r;
}

} // namespace

QHttpServerResponse HttpApi::signInPage(const Error &error) const
{
    const QString page = QStringLiteral(
        "<!doctype html><html lang=pt-BR><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        "<title>Login não concluído · Clinico</title>"
        "<style>body{font-family:system-ui,sans-serif;background:#f4f6f8;color:#111;margin:0}"
        "main{max-width:34em;margin:10vh auto;background:#fff;padding:2em;border-radius:8px;"
        "box-shadow:0 1px 4px #0002}h1{font-size:1.4em}a{color:#0b5394;font-weight:bold}</style>"
        "<main><h1>Não foi possível entrar</h1><p id=message role=alert>%1</p>"
        "<p><a id=back href='/desk/'>Voltar à tela de login</a></p></main></html>")
                             .arg(error.message.toHtmlEscaped());
    QHttpServerResponse r("text/html; charset=utf-8", page.toUtf8(), StatusCode(error.httpStatus));
    protect(r);
    return r;
}

void HttpApi::addSignInRoutes()
{
    // What the login page offers: the provider's button, and whether passwords still work.
    add(Method::Get, QStringLiteral("/api/v1/oidc"), [this](Context &) {
        if (!m_oidc)
            return json({ { QStringLiteral("enabled"), false } });
        const oidc::OidcSettings &s = m_oidc->settings();
        return json({ { QStringLiteral("enabled"), true }, { QStringLiteral("displayName"), s.displayName },
            { QStringLiteral("loginUrl"), QStringLiteral("/oidc/login") },
            { QStringLiteral("localLogin"),
                s.localLoginForEveryone ? QStringLiteral("on") : QStringLiteral("breakglass-only") } });
    });

    addDeferred(
        Method::Get, QStringLiteral("/oidc/login"),
        [this](Context &, QHttpServerResponder &&responder) {
            if (!m_oidc)
                return write(signInPage(notConfigured()), std::move(responder));
            auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
            m_oidc->start([this, pending](Result<oidc::OidcClient::Start> started) {
                if (!started)
                    return write(signInPage(started.error()), std::move(*pending));
                QHttpServerResponse r = seeOther(started->authorizationUrl.toEncoded());
                r.setHeader("Set-Cookie",
                    SessionCookie::setSignInCookie(started->browserBinding,
                        oidc::OidcClient::kPendingLifetimeMs / 1000, secureCookies()));
                write(std::move(r), std::move(*pending));
            });
        },
        false);

    addDeferred(
        Method::Get, QStringLiteral("/oidc/callback"),
        [this](Context &ctx, QHttpServerResponder &&responder) {
            if (!m_oidc)
                return write(signInPage(notConfigured()), std::move(responder));
            const QUrlQuery query = ctx.request.query();
            const auto param = [&](const char *name) {
                return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded).left(2048);
            };
            const QString address = ctx.client;
            const QString binding
                = SessionCookie::tokenFrom(headerValue(ctx.request, "cookie"), SessionCookie::kSignInName);
            // The provider refused or the person cancelled (RFC 6749 4.1.2.1): nothing to exchange.
            if (const QString error = param("error"); !error.isEmpty()) {
                m_store.audit().record(Actor { 0, QStringLiteral("address:%1").arg(address) },
                    QStringLiteral("login_sso_refused"), 0,
                    QStringLiteral("provedor: %1").arg(error.left(60)));
                return write(signInPage(makeError(QStringLiteral("oidc_provider_error"),
                                 QStringLiteral("O provedor de identidade (%1) não concluiu o login (%2). "
                                                "Comece de novo; se "
                                                "continuar, avise a TI.")
                                     .arg(m_oidc->settings().displayName, error.left(60)),
                                 401)),
                    std::move(responder));
            }
            auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
            m_oidc->finish(param("code"), param("state"), binding,
                [this, pending, address](Result<oidc::OidcClient::SignedIn> signedIn) {
                    write(finishSignIn(std::move(signedIn), address), std::move(*pending));
                });
        },
        false);
}

QHttpServerResponse HttpApi::finishSignIn(Result<oidc::OidcClient::SignedIn> signedIn, const QString &address)
{
    const oidc::OidcSettings &settings = m_oidc->settings();
    if (!signedIn) {
        m_store.audit().record(Actor { 0, QStringLiteral("address:%1").arg(address) },
            QStringLiteral("login_sso_refused"), 0, signedIn.error().code);
        return signInPage(signedIn.error());
    }
    const oidc::IdToken &token = signedIn->token;
    const QString preferred = token.claims.value(QStringLiteral("preferred_username")).toString();
    const Actor who { 0,
        QStringLiteral("sso:%1").arg((preferred.isEmpty() ? token.subject : preferred).left(80)) };
    const QStringList groups = token.strings(settings.roleClaim);
    const QString role = settings.roleFor(groups);
    // Entra ID leaves out the groups of someone in too many (over 200) and says where to fetch
    // them instead: IT has to send only the groups assigned to the application.
    if (role.isEmpty()
        && token.claims.value(QStringLiteral("_claim_names")).toObject().contains(settings.roleClaim)) {
        m_store.audit().record(who, QStringLiteral("login_sso_refused"), 0,
            QStringLiteral("grupos fora do token (%1 em _claim_names)").arg(settings.roleClaim));
        return signInPage(makeError(QStringLiteral("oidc_groups_overage"),
            QStringLiteral("Sua conta (%1) está em grupos demais para o provedor enviá-los ao Clinico. Peça "
                           "à TI da clínica para enviar só os grupos atribuídos ao aplicativo "
                           "(docs/login-unico.md).")
                .arg(settings.displayName),
            403));
    }
    if (role.isEmpty()) {
        m_store.audit().record(who, QStringLiteral("login_sso_refused"), 0,
            QStringLiteral("sem grupo mapeado (%1: %2)")
                .arg(settings.roleClaim, groups.join(u", ").left(300)));
        return signInPage(makeError(QStringLiteral("oidc_no_role"),
            QStringLiteral("Sua conta (%1) não está em nenhum grupo com acesso ao Clinico (atendente, médico "
                           "ou administrador). Peça acesso à TI da clínica.")
                .arg(settings.displayName),
            403));
    }
    // A network of clinics: the person's groups also say which clinic their account is in.
    const auto unit = settings.unitFor(groups);
    if (!unit) {
        m_store.audit().record(who, QStringLiteral("login_sso_refused"), 0,
            QStringLiteral("%1 (%2: %3)")
                .arg(unit.error().code, settings.roleClaim, groups.join(u", ").left(300)));
        return signInPage(unit.error());
    }
    // The account, and what this sign-in leaves in the audit log, are that unit's.
    const auto entered = m_store.enterUnit(*unit);
    if (!entered) {
        m_store.audit().record(
            who, QStringLiteral("login_sso_refused"), 0, QStringLiteral("unidade %1 não existe").arg(*unit));
        return signInPage(makeError(QStringLiteral("oidc_unknown_unit"),
            QStringLiteral("Seu grupo no provedor (%1) aponta para a unidade %2, que não existe no Clinico. "
                           "Avise a TI da clínica ([oidc] unitGroups).")
                .arg(settings.displayName)
                .arg(*unit),
            403));
    }
    auto linked = m_users.linkIdentity({ token.issuer, token.subject, token.name, preferred, role,
        settings.unitGroups.isEmpty() ? std::nullopt : std::optional<qint64>(*unit) });
    if (!linked) {
        m_store.audit().record(who, QStringLiteral("login_sso_refused"), 0, linked.error().code);
        return signInPage(linked.error());
    }
    const StaffUser &user = linked->user;
    const Actor actor { 0, QStringLiteral("user:%1").arg(user.username) };
    if (linked->created)
        m_store.audit().record(actor, QStringLiteral("user.link"), 0,
            QStringLiteral("conta criada pelo provedor (%1, sub %2) como %3")
                .arg(token.issuer, token.subject.left(80), role));
    else if (linked->previousRole != role)
        m_store.audit().record(actor, QStringLiteral("user.role_mapped"), 0,
            QStringLiteral("%1 → %2 pelos grupos do provedor").arg(linked->previousRole, role));
    if (!linked->created && linked->previousUnitId != user.unitId)
        m_store.audit().record(actor, QStringLiteral("user.unit_mapped"), 0,
            QStringLiteral("unidade %1 → %2 pelos grupos do provedor")
                .arg(linked->previousUnitId)
                .arg(user.unitId));
    auto opened = m_users.openSession(user, signedIn->idToken);
    if (!opened)
        return signInPage(opened.error());
    m_store.audit().record(actor, QStringLiteral("login_sso"), 0, address);
    qCInfo(lcHttp) << "signed in through the provider:" << user.username << role;
    QHttpServerResponse r = seeOther(oidc::deskUrl(m_publicUrl).toEncoded());
    r.setHeader("Set-Cookie",
        SessionCookie::setCookie(opened->second, UserStore::kSessionLifetimeMs / 1000, secureCookies()));
    r.addHeader("Set-Cookie", SessionCookie::setSignInCookie(QString(), 0, secureCookies()));
    return r;
}

} // namespace clinico::server
