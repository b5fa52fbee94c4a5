// SPDX-License-Identifier: GPL-3.0-or-later
// Signing in with the clinic's identity provider, against the real clinico-server, where the
// provider misbehaves on purpose: a tiny provider in this process (discovery, keys, token
// endpoint) whose keys, answers and outages the test controls. The test plays the browser. The
// happy path against a real provider is desk_sso.test.js (npm's oidc-provider, in Chromium).
#include "support/serverprocess.h"
#include "support/signingkey.h"
#include "support/testclients.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrlQuery>

#include <gtest/gtest.h>

#include <iostream>

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {

constexpr auto kPublicUrl = "http://clinico.test/";
constexpr auto kClientId = "clinico";
constexpr auto kSecret = "segredo-do-teste";
using StatusCode = QHttpServerResponder::StatusCode;

// What a provider does with the requests Clinico's server makes to it.
class FakeProvider
{
public:
    FakeProvider()
    {
        m_http.route(u"/.well-known/openid-configuration"_s, [this](const QHttpServerRequest &) {
            ++discoveryHits;
            if (!up)
                return QHttpServerResponse(StatusCode::ServiceUnavailable);
            return QHttpServerResponse(QJsonObject { { u"issuer"_s, issuer() },
                { u"authorization_endpoint"_s, issuer() + u"/authorize"_s },
                { u"token_endpoint"_s, issuer() + u"/token"_s }, { u"jwks_uri"_s, issuer() + u"/jwks"_s },
                { u"end_session_endpoint"_s, issuer() + u"/logout"_s } });
        });
        m_http.route(u"/jwks"_s, [this](const QHttpServerRequest &) {
            ++jwksHits;
            if (!jwksUp)
                return QHttpServerResponse(StatusCode::ServiceUnavailable);
            QJsonArray keys;
            for (const SigningKey &k : published)
                keys.append(k.jwk());
            return QHttpServerResponse(QJsonObject { { u"keys"_s, keys } });
        });
        // Answered tokenDelayMs later, as a slow provider would: the server must not wait on it.
        m_http.route(u"/token"_s, QHttpServerRequest::Method::Post,
            [this](const QHttpServerRequest &r, QHttpServerResponder &&responder) {
                ++tokenHits;
                lastAuthorization = r.value("Authorization");
                auto later = std::make_shared<QHttpServerResponder>(std::move(responder));
                QTimer::singleShot(tokenDelayMs, [later, reply = tokenReply(r.body())] {
                    later->write(QJsonDocument(reply.first), reply.second);
                });
            });
        m_port = m_http.listen(QHostAddress::LocalHost);
    }

    QString issuer() const { return u"http://127.0.0.1:%1"_s.arg(m_port); }
    // The token endpoint (RFC 6749 4.1.3): the code's ID token if the PKCE verifier and the
    // redirect URI fit.
    std::pair<QJsonObject, StatusCode> tokenReply(const QByteArray &body)
    {
        const QUrlQuery form(QString::fromUtf8(body));
        const auto field = [&](const QString &name) { return form.queryItemValue(name, QUrl::FullyDecoded); };
        const Grant grant = m_grants.take(field(u"code"_s));
        const QByteArray challenge
            = QCryptographicHash::hash(field(u"code_verifier"_s).toLatin1(), QCryptographicHash::Sha256)
                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        if (grant.idToken.isEmpty() || challenge != grant.codeChallenge
            || field(u"redirect_uri"_s) != u"http://clinico.test/oidc/callback"_s)
            return { { { u"error"_s, u"invalid_grant"_s } }, StatusCode::BadRequest };
        return { { { u"access_token"_s, u"opaque"_s }, { u"token_type"_s, u"Bearer"_s },
                     { u"id_token"_s, QString::fromLatin1(grant.idToken) } },
            StatusCode::Ok };
    }
    // The person authenticated: `code` will be exchanged for `idToken`, if the PKCE verifier fits.
    void authorize(const QString &code, const QString &codeChallenge, const QByteArray &idToken)
    {
        m_grants.insert(code, { codeChallenge.toLatin1(), idToken });
    }

    QList<SigningKey> published;
    bool up = true;
    bool jwksUp = true;
    int tokenDelayMs = 0;
    int discoveryHits = 0, jwksHits = 0, tokenHits = 0;
    QByteArray lastAuthorization;

private:
    struct Grant
    {
        QByteArray codeChallenge;
        QByteArray idToken;
    };
    QHttpServer m_http;
    QHash<QString, Grant> m_grants;
    quint16 m_port = 0;
};

// What the browser carries from /oidc/login to the provider and back.
struct Started
{
    QUrl authorizationUrl;
    QString state, nonce, codeChallenge;
    QByteArray cookie; // clinico_signin=...
};

QByteArray cookieFrom(const RawReply &r, const char *name)
{
    for (const QByteArray &line : r.headers.value("set-cookie").split('\n')) {
        if (line.startsWith(QByteArray(name) + '='))
            return line.left(line.indexOf(';'));
    }
    return {};
}

class OidcSignIn : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        secretFile = dir.filePath(u"client-secret"_s);
        writeSecret(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        provider.published = { key };
        server.extraArgs = { u"--public-url"_s, QString::fromLatin1(kPublicUrl), u"--oidc-issuer"_s,
            provider.issuer(), u"--oidc-client-id"_s, QString::fromLatin1(kClientId),
            u"--oidc-client-secret-file"_s, secretFile, u"--oidc-display-name"_s, u"Entra da Clínica"_s,
            u"--oidc-attendant-groups"_s, u"recepcao"_s, u"--oidc-doctor-groups"_s, u"medicos"_s,
            u"--oidc-admin-groups"_s, u"ti, diretoria"_s };
        addUser(u"chefe"_s, u"--admin"_s, "senha-do-chefe");
        addUser(u"ana"_s, u"--role=attendant"_s, "senha-da-ana");
        adminToken = server.addDevice(u"admin"_s, u"Verificação"_s);
    }

    void writeSecret(QFileDevice::Permissions permissions)
    {
        QFile f(secretFile);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(kSecret) + '\n');
        f.close();
        f.setPermissions(permissions);
    }

    void addUser(const QString &username, const QString &roleFlag, const QByteArray &password)
    {
        int exit = -1;
        server.runCli({ u"user"_s, u"add"_s, u"--username"_s, username, roleFlag, u"--password-stdin"_s },
            &exit, password + '\n');
        ASSERT_EQ(exit, 0);
    }

    Started start()
    {
        const RawReply r = sendRaw(server.url(), "GET", u"/oidc/login"_s);
        EXPECT_EQ(r.status, 303) << r.body.constData();
        Started s;
        s.authorizationUrl = QUrl(QString::fromLatin1(r.headers.value("location")));
        const QUrlQuery q(s.authorizationUrl);
        s.state = q.queryItemValue(u"state"_s, QUrl::FullyDecoded);
        s.nonce = q.queryItemValue(u"nonce"_s, QUrl::FullyDecoded);
        s.codeChallenge = q.queryItemValue(u"code_challenge"_s, QUrl::FullyDecoded);
        s.cookie = cookieFrom(r, "clinico_signin");
        return s;
    }

    QJsonObject claims(const QString &nonce, const QString &subject, const QStringList &groups) const
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        return { { u"iss"_s, provider.issuer() }, { u"aud"_s, QString::fromLatin1(kClientId) },
            { u"sub"_s, subject }, { u"exp"_s, now + 300 }, { u"iat"_s, now }, { u"nonce"_s, nonce },
            { u"name"_s, u"Dra. Beatriz Lima"_s }, { u"preferred_username"_s, u"beatriz@clinica.example"_s },
            { u"email"_s, u"beatriz@clinica.example"_s },
            { u"groups"_s, QJsonArray::fromStringList(groups) } };
    }

    static QString callbackPath(const Started &s, const QString &code)
    {
        QUrlQuery q;
        q.addQueryItem(u"code"_s, code);
        q.addQueryItem(u"state"_s, s.state);
        return u"/oidc/callback?"_s + q.toString(QUrl::FullyEncoded);
    }

    RawReply callback(const Started &s, const QString &code, const QByteArray &cookie)
    {
        return sendRaw(server.url(), "GET", callbackPath(s, code), { { "Cookie", cookie } });
    }

    // The whole round trip: the provider vouches for `subject` with `groups`, signed by `signer`.
    RawReply signIn(const QString &subject, const QStringList &groups, const SigningKey *signer = nullptr)
    {
        const Started s = start();
        const QByteArray idToken = (signer ? *signer : key).token(claims(s.nonce, subject, groups));
        provider.authorize(u"code-%1"_s.arg(++codes), s.codeChallenge, idToken);
        return callback(s, u"code-%1"_s.arg(codes), s.cookie);
    }

    // The session a sign-in opened, as GET /api/v1/session says (empty: none).
    QJsonObject sessionInfo(const RawReply &signedIn)
    {
        const QByteArray cookie = cookieFrom(signedIn, "clinico_session");
        if (cookie.isEmpty() || cookie == "clinico_session=")
            return {};
        const RawReply who = sendRaw(server.url(), "GET", u"/api/v1/session"_s, { { "Cookie", cookie } });
        return who.status == 200 ? who.json : QJsonObject {};
    }
    // Who it is (empty: no session).
    QJsonObject sessionOf(const RawReply &signedIn)
    {
        return sessionInfo(signedIn).value(u"user"_s).toObject();
    }

    QList<QJsonObject> audit(const QString &action)
    {
        const auto r = ApiClient(server.url(), adminToken).get(u"/api/v1/audit?action="_s + action);
        QList<QJsonObject> out;
        for (const QJsonValue &e : r->json().value(u"entries"_s).toArray())
            out << e.toObject();
        return out;
    }

    QTemporaryDir dir;
    QString secretFile;
    FakeProvider provider;
    SigningKey key = SigningKey::rsa(u"rsa-1"_s);
    ServerProcess server;
    QString adminToken;
    int codes = 0;
};

} // namespace

TEST_F(OidcSignIn, ACompleteSignInUsesPkceAndOpensTheUsualCookieSession)
{
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    const Started s = start();
    EXPECT_EQ(s.authorizationUrl.toString(QUrl::RemoveQuery), provider.issuer() + u"/authorize"_s);
    const QUrlQuery q(s.authorizationUrl);
    EXPECT_EQ(q.queryItemValue(u"response_type"_s), u"code"_s);
    EXPECT_EQ(q.queryItemValue(u"client_id"_s), u"clinico"_s);
    EXPECT_EQ(
        q.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded), u"http://clinico.test/oidc/callback"_s);
    EXPECT_EQ(q.queryItemValue(u"scope"_s, QUrl::FullyDecoded), u"openid profile email"_s);
    EXPECT_EQ(q.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    EXPECT_GE(s.state.size(), 43);
    EXPECT_GE(s.nonce.size(), 43);
    EXPECT_NE(s.state, s.nonce);
    EXPECT_FALSE(s.cookie.isEmpty());

    provider.authorize(
        u"c1"_s, s.codeChallenge, key.token(claims(s.nonce, u"sub-beatriz"_s, { u"medicos"_s })));
    const RawReply r = callback(s, u"c1"_s, s.cookie);
    ASSERT_EQ(r.status, 303) << r.body.constData();
    EXPECT_EQ(r.headers.value("location"), "http://clinico.test/desk/");
    EXPECT_EQ(r.headers.value("referrer-policy"), "no-referrer");
    // The token request carried the verifier of the challenge (the fake checked it) and our secret.
    EXPECT_EQ(provider.lastAuthorization, "Basic " + QByteArray("clinico:segredo-do-teste").toBase64());
    const QByteArray setCookie = r.headers.value("set-cookie");
    EXPECT_TRUE(setCookie.contains("clinico_session=")) << setCookie.constData();
    EXPECT_TRUE(setCookie.contains("HttpOnly; SameSite=Strict"));
    EXPECT_FALSE(setCookie.contains("Secure")) << "http:// public URL";
    EXPECT_TRUE(setCookie.contains("clinico_signin=; Path=/oidc/;")) << "the sign-in cookie is cleared";

    const QJsonObject user = sessionOf(r);
    EXPECT_EQ(sessionInfo(r).value(u"unitId"_s).toInteger(), 1) << "no unit mapped: the first unit";
    EXPECT_EQ(user.value(u"displayName"_s).toString(), u"Dra. Beatriz Lima"_s);
    EXPECT_EQ(user.value(u"role"_s).toString(), u"doctor"_s);
    EXPECT_EQ(user.value(u"username"_s).toString(), u"beatriz"_s);
    EXPECT_EQ(audit(u"user.link"_s).size(), 1);
    EXPECT_EQ(audit(u"login_sso"_s).size(), 1);
    EXPECT_EQ(provider.jwksHits, 1);
    EXPECT_EQ(provider.discoveryHits, 1) << "discovery is cached";
}

TEST_F(OidcSignIn, LogoutNamesTheProvidersEndSessionPageWithTheIdTokenAsHint)
{
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    const RawReply r = signIn(u"sub-beatriz"_s, { u"recepcao"_s });
    const QByteArray cookie = cookieFrom(r, "clinico_session");
    const RawReply who = sendRaw(server.url(), "GET", u"/api/v1/session"_s, { { "Cookie", cookie } });
    const RawReply out = sendRaw(server.url(), "DELETE", u"/api/v1/session"_s,
        { { "Cookie", cookie }, { "X-CSRF-Token", who.json.value(u"csrfToken"_s).toString().toLatin1() } });
    ASSERT_EQ(out.status, 200) << out.body.constData();
    const QUrl logout(out.json.value(u"logoutUrl"_s).toString());
    EXPECT_EQ(logout.toString(QUrl::RemoveQuery), provider.issuer() + u"/logout"_s);
    const QUrlQuery q(logout);
    EXPECT_EQ(
        q.queryItemValue(u"post_logout_redirect_uri"_s, QUrl::FullyDecoded), u"http://clinico.test/desk/"_s);
    EXPECT_EQ(q.queryItemValue(u"id_token_hint"_s).count(u'.'), 2);
    EXPECT_EQ(sendRaw(server.url(), "GET", u"/api/v1/session"_s, { { "Cookie", cookie } }).status, 401);
}

TEST_F(OidcSignIn, AMismatchedStateOrAnotherBrowserIsRefusedWithoutAskingTheProvider)
{
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    Started s = start();
    provider.authorize(u"c1"_s, s.codeChallenge, key.token(claims(s.nonce, u"sub-1"_s, { u"recepcao"_s })));
    Started forged = s;
    forged.state = u"estado-forjado-0123456789012345678901234567890"_s;
    RawReply r = callback(forged, u"c1"_s, s.cookie);
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(QString::fromUtf8(r.body).contains(u"não corresponde a um login iniciado neste navegador"_s))
        << r.body.constData();
    EXPECT_TRUE(cookieFrom(r, "clinico_session").isEmpty());

    // The right state from a browser without the sign-in cookie (login CSRF): refused, and the
    // state is spent, so the real browser must start again too.
    r = callback(s, u"c1"_s, "clinico_signin=outro-navegador");
    EXPECT_EQ(r.status, 400);
    r = callback(s, u"c1"_s, s.cookie);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(provider.tokenHits, 0) << "a refused state never reaches the token endpoint";
    EXPECT_EQ(audit(u"login_sso_refused"_s).size(), 3);
}

TEST_F(OidcSignIn, AReplayedStateIsRefused)
{
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    const Started s = start();
    provider.authorize(u"c1"_s, s.codeChallenge, key.token(claims(s.nonce, u"sub-1"_s, { u"recepcao"_s })));
    ASSERT_EQ(callback(s, u"c1"_s, s.cookie).status, 303);
    provider.authorize(u"c1"_s, s.codeChallenge, key.token(claims(s.nonce, u"sub-1"_s, { u"recepcao"_s })));
    const RawReply again = callback(s, u"c1"_s, s.cookie);
    EXPECT_EQ(again.status, 400);
    EXPECT_TRUE(sessionOf(again).isEmpty());
    EXPECT_EQ(provider.tokenHits, 1);
}

TEST_F(OidcSignIn, AnIdTokenReplayedIntoAnotherSignInFailsOnItsNonce)
{
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    const Started first = start();
    const QByteArray stolen = key.token(claims(first.nonce, u"sub-1"_s, { u"ti"_s }));
    provider.authorize(u"c1"_s, first.codeChallenge, stolen);
    ASSERT_EQ(callback(first, u"c1"_s, first.cookie).status, 303);

    // A later sign-in whose token endpoint answers with the first sign-in's ID token.
    const Started second = start();
    provider.authorize(u"c2"_s, second.codeChallenge, stolen);
    const RawReply r = callback(second, u"c2"_s, second.cookie);
    EXPECT_EQ(r.status, 401);
    EXPECT_TRUE(QString::fromUtf8(r.body).contains(u"nonce"_s)) << r.body.constData();
    EXPECT_TRUE(sessionOf(r).isEmpty());
    const auto refused = audit(u"login_sso_refused"_s);
    ASSERT_EQ(refused.size(), 1);
    EXPECT_EQ(refused[0].value(u"detail"_s).toString(), u"oidc_nonce"_s);
}

TEST_F(OidcSignIn, AnUnknownKeyIdRefetchesTheProvidersKeysOnce)
{
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    ASSERT_EQ(signIn(u"sub-1"_s, { u"recepcao"_s }).status, 303);
    EXPECT_EQ(provider.jwksHits, 1);
    ASSERT_EQ(signIn(u"sub-1"_s, { u"recepcao"_s }).status, 303);
    EXPECT_EQ(provider.jwksHits, 1) << "known keys are cached";

    // The provider rotates to an ES256 key: the first token signed with it makes one refetch.
    const SigningKey rotated = SigningKey::p256(u"ec-2"_s);
    provider.published = { rotated };
    const RawReply r = signIn(u"sub-1"_s, { u"recepcao"_s }, &rotated);
    EXPECT_EQ(r.status, 303) << r.body.constData();
    EXPECT_EQ(provider.jwksHits, 2);
    EXPECT_FALSE(sessionOf(r).isEmpty());

    // A key the provider does not publish even after the refetch: refused, and no refetch loop.
    const SigningKey stranger = SigningKey::rsa(u"rsa-stranger"_s);
    const RawReply refused = signIn(u"sub-1"_s, { u"recepcao"_s }, &stranger);
    EXPECT_EQ(refused.status, 401);
    EXPECT_TRUE(QString::fromUtf8(refused.body).contains(u"chave 'rsa-stranger' desconhecida"_s));
    EXPECT_EQ(provider.jwksHits, 3);
    // A forged signature under a published kid is refused without any refetch.
    SigningKey impostor = SigningKey::p256(u"ec-2"_s);
    EXPECT_EQ(signIn(u"sub-1"_s, { u"recepcao"_s }, &impostor).status, 401);
    EXPECT_EQ(provider.jwksHits, 3);
}

TEST_F(OidcSignIn, AProviderThatIsDownIsAClearErrorAndPasswordsStillWork)
{
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    provider.jwksUp = false;
    const RawReply r = signIn(u"sub-1"_s, { u"recepcao"_s });
    EXPECT_EQ(r.status, 503);
    const QString page = QString::fromUtf8(r.body);
    EXPECT_TRUE(page.contains(
        u"O provedor de identidade (Entra da Clínica) não respondeu (conjunto de chaves (JWKS))"_s))
        << r.body.constData();
    EXPECT_TRUE(page.contains(u"Quem tem usuário e senha do Clinico pode entrar com eles."_s));
    EXPECT_TRUE(sessionOf(r).isEmpty());

    const RawReply local = sendRaw(server.url(), "POST", u"/api/v1/session"_s, {},
        { { u"username"_s, u"ana"_s }, { u"password"_s, u"senha-da-ana"_s } });
    EXPECT_EQ(local.status, 200) << local.body.constData();

    // The whole provider down before discovery: the login button's page says so too.
    provider.up = false;
    server.stop();
    ASSERT_TRUE(server.start());
    const RawReply login = sendRaw(server.url(), "GET", u"/oidc/login"_s);
    EXPECT_EQ(login.status, 503);
    EXPECT_TRUE(QString::fromUtf8(login.body).contains(u"não respondeu (documento de descoberta)"_s));
    EXPECT_EQ(sendRaw(server.url(), "GET", u"/healthz"_s).status, 200);
}

TEST_F(OidcSignIn, ASlowProviderDoesNotHoldUpTheServer)
{
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    provider.tokenDelayMs = 2000;
    const Started s = start();
    provider.authorize(u"c1"_s, s.codeChallenge, key.token(claims(s.nonce, u"sub-1"_s, { u"recepcao"_s })));
    QNetworkRequest request(server.url().resolved(QUrl(callbackPath(s, u"c1"_s))));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Cookie", s.cookie);
    QNetworkAccessManager network;
    QNetworkReply *signingIn = network.get(request);
    ASSERT_TRUE(spinUntil([&] { return provider.tokenHits == 1; }, 5000));
    // While the provider takes its time, everyone else is served at once.
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(sendRaw(server.url(), "GET", u"/healthz"_s).status, 200);
    const qint64 fiveRequestsMs = clock.elapsed();
    std::cout << "five /healthz during a 2 s token exchange: " << fiveRequestsMs << " ms" << std::endl;
    EXPECT_LT(fiveRequestsMs, 1000);
    EXPECT_FALSE(signingIn->isFinished());
    ASSERT_TRUE(spinUntil([&] { return signingIn->isFinished(); }, 10000));
    EXPECT_EQ(signingIn->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 303);
    delete signingIn;
}

TEST_F(OidcSignIn, GroupsDecideTheRoleAtEverySignInAndNoGroupMeansNoSession)
{
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    EXPECT_EQ(sessionOf(signIn(u"sub-1"_s, { u"todos"_s, u"diretoria"_s })).value(u"role"_s).toString(),
        u"admin"_s);
    // Moved to reception at the provider: the next sign-in is an attendant, and it is audited.
    EXPECT_EQ(sessionOf(signIn(u"sub-1"_s, { u"recepcao"_s })).value(u"role"_s).toString(), u"attendant"_s);
    const auto changed = audit(u"user.role_mapped"_s);
    ASSERT_EQ(changed.size(), 1);
    EXPECT_EQ(changed[0].value(u"detail"_s).toString(), u"admin → attendant pelos grupos do provedor"_s);

    // Removed from every mapped group: refused with the reason, no session.
    const RawReply r = signIn(u"sub-1"_s, { u"todos"_s });
    EXPECT_EQ(r.status, 403);
    EXPECT_TRUE(QString::fromUtf8(r.body).contains(u"não está em nenhum grupo com acesso ao Clinico"_s));
    EXPECT_TRUE(sessionOf(r).isEmpty());
    EXPECT_EQ(audit(u"login_sso_refused"_s).size(), 1);

    // Disabled in Clinico by an admin: the provider's word does not bring the account back.
    const auto users
        = ApiClient(server.url(), adminToken).get(u"/api/v1/users"_s)->json().value(u"users"_s).toArray();
    qint64 linkedId = 0;
    for (const QJsonValue &u : users) {
        if (u.toObject().value(u"displayName"_s).toString() == u"Dra. Beatriz Lima"_s)
            linkedId = u.toObject().value(u"id"_s).toInteger();
    }
    ASSERT_GT(linkedId, 0);
    ASSERT_EQ(ApiClient(server.url(), adminToken)
                  .send("PUT", u"/api/v1/users/%1"_s.arg(linkedId), R"({"active":false})")
                  ->status,
        200);
    const RawReply disabled = signIn(u"sub-1"_s, { u"recepcao"_s });
    EXPECT_EQ(disabled.status, 403);
    EXPECT_TRUE(QString::fromUtf8(disabled.body).contains(u"desativada no Clinico"_s));

    // Entra ID's "group overage": the groups are not in the token, only where to fetch them.
    const Started s = start();
    QJsonObject c = claims(s.nonce, u"sub-many-groups"_s, {});
    c.remove(u"groups"_s);
    c.insert(u"_claim_names"_s, QJsonObject { { u"groups"_s, u"src1"_s } });
    provider.authorize(u"overage"_s, s.codeChallenge, key.token(c));
    const RawReply overage = callback(s, u"overage"_s, s.cookie);
    EXPECT_EQ(overage.status, 403);
    EXPECT_TRUE(QString::fromUtf8(overage.body).contains(u"grupos atribuídos ao aplicativo"_s));
}

TEST_F(OidcSignIn, AccountsAreLinkedByIssuerAndSubjectNeverByName)
{
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    // Someone whose provider name is "ana" (a local account's username) gets an account of their own.
    const Started s = start();
    QJsonObject c = claims(s.nonce, u"sub-outra-ana"_s, { u"recepcao"_s });
    c.insert(u"preferred_username"_s, u"ana"_s);
    provider.authorize(u"c1"_s, s.codeChallenge, key.token(c));
    const QJsonObject user = sessionOf(callback(s, u"c1"_s, s.cookie));
    EXPECT_EQ(user.value(u"username"_s).toString(), u"ana-2"_s);
    // Two subjects with the same e-mail are two people.
    const QJsonObject first = sessionOf(signIn(u"sub-a"_s, { u"recepcao"_s }));
    const QJsonObject second = sessionOf(signIn(u"sub-b"_s, { u"recepcao"_s }));
    EXPECT_NE(first.value(u"id"_s), second.value(u"id"_s));
    EXPECT_EQ(sessionOf(signIn(u"sub-a"_s, { u"recepcao"_s })).value(u"id"_s), first.value(u"id"_s));
    // Provider accounts have no password in Clinico.
    const RawReply local = sendRaw(server.url(), "POST", u"/api/v1/session"_s, {},
        { { u"username"_s, first.value(u"username"_s).toString() }, { u"password"_s, u"!"_s } });
    EXPECT_EQ(local.status, 401);
}

TEST_F(OidcSignIn, BreakGlassOnlyLeavesPasswordsToOneAdmin)
{
    server.extraArgs << u"--oidc-local-login"_s << u"breakglass-only"_s << u"--oidc-break-glass-user"_s
                     << u"chefe"_s;
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    const RawReply chefe = sendRaw(server.url(), "POST", u"/api/v1/session"_s, {},
        { { u"username"_s, u"chefe"_s }, { u"password"_s, u"senha-do-chefe"_s } });
    EXPECT_EQ(chefe.status, 200) << chefe.body.constData();
    const RawReply ana = sendRaw(server.url(), "POST", u"/api/v1/session"_s, {},
        { { u"username"_s, u"ana"_s }, { u"password"_s, u"senha-da-ana"_s } });
    EXPECT_EQ(ana.status, 403);
    EXPECT_EQ(ana.json.value(u"code"_s).toString(), u"local_login_off"_s);
    EXPECT_TRUE(ana.json.value(u"message"_s)
                    .toString()
                    .startsWith(u"Nesta clínica a equipe entra pelo botão “Entrar com Entra da Clínica”"_s));
    const RawReply info = sendRaw(server.url(), "GET", u"/api/v1/oidc"_s);
    EXPECT_EQ(info.json.value(u"localLogin"_s).toString(), u"breakglass-only"_s);
    EXPECT_EQ(info.json.value(u"displayName"_s).toString(), u"Entra da Clínica"_s);
}

TEST_F(OidcSignIn, BehindAnHttpsProxyTheCookiesAreSecure)
{
    server.extraArgs[1] = u"https://clinico.clinica.example/"_s;
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    const Started s = start();
    EXPECT_TRUE(s.cookie.size() > 0);
    EXPECT_EQ(QUrlQuery(s.authorizationUrl).queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded),
        u"https://clinico.clinica.example/oidc/callback"_s);
    const RawReply local = sendRaw(server.url(), "POST", u"/api/v1/session"_s, {},
        { { u"username"_s, u"ana"_s }, { u"password"_s, u"senha-da-ana"_s } });
    EXPECT_TRUE(local.headers.value("set-cookie").endsWith("; Secure"))
        << local.headers.value("set-cookie").constData();
    const RawReply login = sendRaw(server.url(), "GET", u"/oidc/login"_s);
    EXPECT_TRUE(login.headers.value("set-cookie").endsWith("; Secure"));
}

TEST_F(OidcSignIn, AWorldReadableSecretOrAMissingPublicUrlStopsTheServerWithTheReason)
{
    writeSecret(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    EXPECT_FALSE(server.start());
    EXPECT_TRUE(server.log().contains(u"pode ser lido por qualquer usuário: use chmod 600"_s))
        << server.log().toStdString();
    writeSecret(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    server.extraArgs.remove(0, 2); // no --public-url
    EXPECT_FALSE(server.start());
    EXPECT_TRUE(server.log().contains(u"[server] publicUrl: obrigatório com [oidc]"_s))
        << server.log().toStdString();
}

TEST_F(OidcSignIn, AChangedGroupMappingIsAudited)
{
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    server.stop();
    ASSERT_TRUE(server.start());
    EXPECT_EQ(audit(u"sso.mapping"_s).size(), 1) << "the first start records the mapping, a restart does not";
    server.stop();
    const qsizetype i = server.extraArgs.indexOf(u"--oidc-admin-groups"_s);
    server.extraArgs[i + 1] = u"ti"_s;
    ASSERT_TRUE(server.start());
    const auto changes = audit(u"sso.mapping"_s);
    ASSERT_EQ(changes.size(), 2);
    EXPECT_EQ(changes[0].value(u"detail"_s).toString(),
        u"groups · admin: ti, diretoria; doctor: medicos; attendant: recepcao → groups · admin: ti; doctor: "
        "medicos; attendant: recepcao"_s);
}

TEST_F(OidcSignIn, InANetworkTheGroupsSayWhichUnitAndNoUnitMeansNoSession)
{
    int rc = -1;
    server.runCli(
        { u"unit"_s, u"add"_s, u"--name"_s, u"Filial Manaus"_s, u"--time-zone"_s, u"America/Manaus"_s }, &rc);
    ASSERT_EQ(rc, 0);
    server.extraArgs << u"--oidc-unit-groups"_s << u"1: equipe-sp, 2: equipe-manaus, 2: manaus-plantao"_s;
    ASSERT_TRUE(server.start()) << server.log().toStdString();

    const RawReply manaus = signIn(u"sub-joana"_s, { u"recepcao"_s, u"equipe-manaus"_s });
    ASSERT_EQ(manaus.status, 303) << manaus.body.constData();
    EXPECT_EQ(sessionInfo(manaus).value(u"unitId"_s).toInteger(), 2);
    const QJsonObject joana = sessionOf(manaus);
    EXPECT_EQ(joana.value(u"role"_s).toString(), u"attendant"_s);
    EXPECT_EQ(
        sessionInfo(signIn(u"sub-pedro"_s, { u"medicos"_s, u"equipe-sp"_s })).value(u"unitId"_s).toInteger(),
        1);

    // In no unit's group: refused with the reason, no session, audited.
    RawReply r = signIn(u"sub-sem-unidade"_s, { u"recepcao"_s });
    EXPECT_EQ(r.status, 403);
    EXPECT_TRUE(QString::fromUtf8(r.body).contains(u"não está no grupo de nenhuma unidade"_s))
        << r.body.constData();
    EXPECT_TRUE(sessionOf(r).isEmpty());
    // In two units' groups: Clinico does not guess.
    r = signIn(u"sub-duas"_s, { u"recepcao"_s, u"equipe-sp"_s, u"manaus-plantao"_s });
    EXPECT_EQ(r.status, 403);
    EXPECT_TRUE(QString::fromUtf8(r.body).contains(u"grupos de várias unidades (1, 2)"_s))
        << r.body.constData();
    EXPECT_TRUE(sessionOf(r).isEmpty());
    EXPECT_EQ(audit(u"login_sso_refused"_s).size(), 2);

    // Moved to São Paulo at the provider: the next sign-in moves the account, and says so.
    const RawReply moved = signIn(u"sub-joana"_s, { u"recepcao"_s, u"equipe-sp"_s });
    EXPECT_EQ(sessionInfo(moved).value(u"unitId"_s).toInteger(), 1);
    EXPECT_EQ(sessionOf(moved).value(u"id"_s), joana.value(u"id"_s)) << "the same account";
    const auto unitMapped = audit(u"user.unit_mapped"_s);
    ASSERT_EQ(unitMapped.size(), 1);
    EXPECT_EQ(unitMapped[0].value(u"detail"_s).toString(), u"unidade 2 → 1 pelos grupos do provedor"_s);
    EXPECT_TRUE(sessionOf(manaus).isEmpty()) << "the session opened in Manaus ended with the move";
}
