// SPDX-License-Identifier: GPL-3.0-or-later
#include "oidc/oidcclient.h"

#include "auth/deviceauth.h"
#include "protocol/jsonreader.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrlQuery>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcOidc, "clinico.server.oidc")

namespace clinico::server::oidc {

namespace {

constexpr std::chrono::milliseconds kProviderTimeout { 8000 };

HttpOptions laneOptions()
{
    HttpOptions o;
    o.connectTimeout = std::chrono::milliseconds(3000);
    o.maxResponseBytes = 512 * 1024; // a discovery document, a key set or a token reply
    return o;
}

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

QByteArray formField(const char *name, const QString &value)
{
    return QByteArray(name) + '=' + QUrl::toPercentEncoding(value);
}

QUrl urlField(const QJsonObject &document, const char *name)
{
    return QUrl(document.value(QLatin1String(name)).toString(), QUrl::StrictMode);
}

} // namespace

OidcClient::OidcClient(OidcSettings settings, QUrl publicUrl, const Clock &clock)
    : m_settings(std::move(settings))
    , m_publicUrl(std::move(publicUrl))
    , m_clock(clock)
    , m_lane(QStringLiteral("oidc"), laneOptions())
{
    // Early, so the first login button answers at once and a session still open from before a
    // restart finds the provider's logout page.
    discover([](const Result<Discovery> &) {});
}

Error OidcClient::unavailable(const QString &what) const
{
    return makeError(QStringLiteral("oidc_unavailable"),
        QStringLiteral("O provedor de identidade (%1) não respondeu (%2). Tente de novo em instantes; se "
                       "continuar, avise a TI. "
                       "Quem tem usuário e senha do Clinico pode entrar com eles.")
            .arg(m_settings.displayName, what),
        503);
}

void OidcClient::getJson(HttpRequest request, const QString &what, std::function<void(Json)> done)
{
    request.headers << qMakePair(QByteArray("Accept"), QByteArray("application/json"));
    m_lane.send(std::move(request), kProviderTimeout, &m_alive,
        [this, what, done = std::move(done)](Result<HttpResponse> reply) {
            if (!reply) {
                qCWarning(lcOidc) << what << "failed:" << reply.error().message;
                return done(unavailable(what));
            }
            auto object = JsonReader::parseObject(reply->body);
            if (!object) {
                qCWarning(lcOidc) << what << "answered" << reply->status << "without a JSON object";
                return done(unavailable(what));
            }
            if (!reply->isSuccess()) {
                // A token endpoint's refusal (RFC 6749 5.2) says why; anything else is an outage.
                const QString error = object->value(QStringLiteral("error")).toString();
                qCWarning(lcOidc) << what << "answered" << reply->status << error
                                  << object->value(QStringLiteral("error_description")).toString();
                if (error.isEmpty() || reply->status >= 500)
                    return done(unavailable(what));
                return done(makeError(QStringLiteral("oidc_token_refused"),
                    QStringLiteral(
                        "O provedor de identidade (%1) recusou concluir este login (%2). Comece de novo.")
                        .arg(m_settings.displayName, error.left(60)),
                    502));
            }
            done(*object);
        });
}

Result<OidcClient::Discovery> OidcClient::readDiscovery(const QJsonObject &document) const
{
    // OpenID Connect Discovery 1.0, 4.3: the document's issuer is exactly the configured one.
    if (document.value(QStringLiteral("issuer")).toString() != m_settings.issuer) {
        qCWarning(lcOidc) << "discovery names issuer" << document.value(QStringLiteral("issuer")).toString()
                          << "not" << m_settings.issuer;
        return makeError(QStringLiteral("oidc_discovery"),
            QStringLiteral("O provedor respondeu com outro emissor (issuer) que o configurado em "
                           "[oidc] issuer: avise a TI."),
            503);
    }
    Discovery d { urlField(document, "authorization_endpoint"), urlField(document, "token_endpoint"),
        urlField(document, "jwks_uri"), urlField(document, "end_session_endpoint") };
    const QString scheme = QUrl(m_settings.issuer).scheme();
    for (const QUrl *url : { &d.authorizationEndpoint, &d.tokenEndpoint, &d.jwksUri }) {
        if (!url->isValid() || url->host().isEmpty() || url->scheme() != scheme)
            return makeError(QStringLiteral("oidc_discovery"),
                QStringLiteral("O documento de descoberta do provedor está incompleto: avise a TI."), 503);
    }
    return d;
}

void OidcClient::discover(std::function<void(Result<Discovery>)> done)
{
    if (m_discovery)
        return done(*m_discovery);
    // One request in flight answers everyone who asks meanwhile.
    m_waitingForDiscovery.push_back(std::move(done));
    if (m_waitingForDiscovery.size() > 1)
        return;
    HttpRequest request;
    const QString base = m_settings.issuer.endsWith(u'/') ? m_settings.issuer : m_settings.issuer + u'/';
    request.url = base + QStringLiteral(".well-known/openid-configuration");
    getJson(std::move(request), QStringLiteral("documento de descoberta"), [this](Json document) {
        const Result<Discovery> discovery
            = document ? readDiscovery(*document) : Result<Discovery>(document.error());
        if (discovery)
            m_discovery = *discovery;
        for (const auto &waiting : std::exchange(m_waitingForDiscovery, {}))
            waiting(discovery);
    });
}

void OidcClient::fetchKeys(std::function<void(Status)> done)
{
    HttpRequest request;
    request.url = m_discovery->jwksUri.toString();
    getJson(std::move(request), QStringLiteral("conjunto de chaves (JWKS)"),
        [this, done = std::move(done)](Json document) {
            if (!document)
                return done(document.error());
            auto keys = JsonWebKeySet::parse(QJsonDocument(*document).toJson(QJsonDocument::Compact));
            if (!keys) {
                qCWarning(lcOidc) << "unusable key set:" << keys.error().message;
                return done(unavailable(QStringLiteral("conjunto de chaves sem chave utilizável")));
            }
            m_keys = *keys;
            m_keysFetchedMs = m_clock.nowMs();
            done(Ok {});
        });
}

std::optional<OidcClient::Pending> OidcClient::takePending(const QString &state)
{
    const auto it = m_pending.constFind(state);
    if (it == m_pending.cend())
        return std::nullopt;
    Pending p = *it;
    m_pending.erase(it);
    if (m_clock.nowMs() - p.createdMs > kPendingLifetimeMs)
        return std::nullopt;
    return p;
}

void OidcClient::start(std::function<void(Result<Start>)> done)
{
    discover([this, done = std::move(done)](Result<Discovery> discovery) {
        if (!discovery)
            return done(discovery.error());
        const qint64 now = m_clock.nowMs();
        m_pending.removeIf(
            [&](const auto &entry) { return now - entry.value().createdMs > kPendingLifetimeMs; });
        // Anyone may start sign-ins: a flood pushes out the oldest unfinished one rather than
        // locking everyone out for ten minutes.
        if (m_pending.size() >= kMaxPending) {
            const auto oldest = std::min_element(m_pending.cbegin(), m_pending.cend(),
                [](const Pending &a, const Pending &b) { return a.createdMs < b.createdMs; });
            m_pending.erase(oldest);
        }
        const QString state = DeviceAuth::generateToken();
        Start s;
        s.browserBinding = DeviceAuth::generateToken();
        const Pending pending { DeviceAuth::generateToken(), DeviceAuth::generateToken(),
            sha256(s.browserBinding.toLatin1()), now };
        m_pending.insert(state, pending);
        QUrlQuery query;
        const auto add = [&](const char *name, const QString &value) {
            query.addQueryItem(QLatin1String(name), QString::fromLatin1(QUrl::toPercentEncoding(value)));
        };
        add("response_type", QStringLiteral("code"));
        add("client_id", m_settings.clientId);
        add("redirect_uri", redirectUri(m_publicUrl).toString());
        add("scope", m_settings.scopes);
        add("state", state);
        add("nonce", pending.nonce);
        add("code_challenge",
            QString::fromLatin1(
                sha256(pending.codeVerifier.toLatin1())
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
        add("code_challenge_method", QStringLiteral("S256"));
        s.authorizationUrl = discovery->authorizationEndpoint;
        QUrlQuery merged(s.authorizationUrl.query(QUrl::FullyEncoded));
        for (const auto &[name, value] : query.queryItems(QUrl::FullyEncoded))
            merged.addQueryItem(name, value);
        s.authorizationUrl.setQuery(merged.query(QUrl::FullyEncoded), QUrl::StrictMode);
        done(s);
    });
}

void OidcClient::finish(const QString &code, const QString &state, const QString &browserBinding,
    std::function<void(Result<SignedIn>)> done)
{
    // Single use: the state is gone from here on, whatever happens next.
    const auto pending = takePending(state);
    if (!pending || browserBinding.isEmpty() || sha256(browserBinding.toLatin1()) != pending->bindingHash)
        return done(makeError(QStringLiteral("oidc_state"),
            QStringLiteral("Este retorno do provedor de identidade não corresponde a um login iniciado "
                           "neste navegador, já foi usado ou expirou (10 minutos). Comece de novo."),
            400));
    if (code.isEmpty() || code.size() > 2048)
        return done(makeError(QStringLiteral("oidc_code"),
            QStringLiteral("O provedor de identidade (%1) não devolveu um código de autorização. "
                           "Comece de novo.")
                .arg(m_settings.displayName),
            400));
    discover([this, code, pending = *pending, done = std::move(done)](Result<Discovery> discovery) {
        if (!discovery)
            return done(discovery.error());
        exchange(code, pending, std::move(done));
    });
}

void OidcClient::exchange(
    const QString &code, const Pending &pending, std::function<void(Result<SignedIn>)> done)
{
    HttpRequest request;
    request.method = "POST";
    request.url = m_discovery->tokenEndpoint.toString();
    request.contentType = "application/x-www-form-urlencoded";
    QList<QByteArray> form { formField("grant_type", QStringLiteral("authorization_code")),
        formField("code", code), formField("redirect_uri", redirectUri(m_publicUrl).toString()),
        formField("code_verifier", pending.codeVerifier) };
    if (m_settings.clientSecret.isEmpty()) {
        form << formField("client_id", m_settings.clientId);
    } else {
        // client_secret_basic (RFC 6749 2.3.1): both halves form-encoded, then Base64.
        const QByteArray credentials = QUrl::toPercentEncoding(m_settings.clientId) + ':'
            + QUrl::toPercentEncoding(QString::fromUtf8(m_settings.clientSecret));
        request.headers << qMakePair(QByteArray("Authorization"), "Basic " + credentials.toBase64());
    }
    request.body = form.join('&');
    getJson(std::move(request), QStringLiteral("ponto de troca do código (token endpoint)"),
        [this, nonce = pending.nonce, done = std::move(done)](Json reply) {
            if (!reply)
                return done(reply.error());
            const QByteArray idToken = reply->value(QStringLiteral("id_token")).toString().toLatin1();
            if (idToken.isEmpty())
                return done(makeError(QStringLiteral("oidc_token_refused"),
                    QStringLiteral("O provedor não devolveu um ID token: confira se o escopo openid está em "
                                   "[oidc] scopes."),
                    502));
            verify(idToken, nonce, false, std::move(done));
        });
}

void OidcClient::verify(const QByteArray &idToken, const QString &nonce, bool keysRefetched,
    std::function<void(Result<SignedIn>)> done)
{
    // No keys yet, keys over an hour old, or a key the cached set lacks (the provider rotated
    // them): fetch once.
    auto refetch = [this, idToken, nonce, done] {
        fetchKeys([this, idToken, nonce, done = std::move(done)](Status fetched) {
            if (!fetched)
                return done(fetched.error());
            verify(idToken, nonce, true, std::move(done));
        });
    };
    // A key the provider withdrew (compromised, retired) stops being trusted within the hour.
    if (!m_keys || m_clock.nowMs() - m_keysFetchedMs > kKeysLifetimeMs) {
        if (keysRefetched)
            return done(unavailable(QStringLiteral("conjunto de chaves")));
        return refetch();
    }
    const IdTokenExpectations expected { m_settings.issuer, m_settings.clientId, nonce,
        m_clock.nowMs() / 1000 };
    auto verified = verifyIdToken(idToken, *m_keys, expected);
    if (!verified && verified.error().code == QLatin1String("oidc_unknown_kid") && !keysRefetched) {
        qCInfo(lcOidc) << "ID token signed with a key not in the cached set: refetching the provider's keys";
        return refetch();
    }
    if (!verified) {
        qCWarning(lcOidc) << "ID token refused:" << verified.error().code << verified.error().message;
        return done(verified.error());
    }
    done(SignedIn { *verified, idToken });
}

QUrl OidcClient::logoutUrl(const QByteArray &idToken) const
{
    if (!m_discovery || m_discovery->endSessionEndpoint.isEmpty())
        return {};
    QUrl url = m_discovery->endSessionEndpoint;
    QUrlQuery query(url.query(QUrl::FullyEncoded));
    const auto add = [&](const char *name, const QString &value) {
        query.addQueryItem(QLatin1String(name), QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    if (!idToken.isEmpty())
        add("id_token_hint", QString::fromLatin1(idToken));
    add("client_id", m_settings.clientId);
    add("post_logout_redirect_uri", deskUrl(m_publicUrl).toString());
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url;
}

} // namespace clinico::server::oidc
