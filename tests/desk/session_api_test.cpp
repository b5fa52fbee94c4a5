// SPDX-License-Identifier: GPL-3.0-or-later
// Staff sessions over real HTTP and WebSocket against the real clinico-server: the cookie,
// CSRF and origin checks, roles, and device tokens working exactly as before.
#include "support/serverprocess.h"
#include "support/testclients.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QWebSocket>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {

using Reply = RawReply;

class SessionApiTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        consulta = server.addService(u"C"_s, u"Consulta"_s);
        room = server.addCounter(u"Consultório 1"_s, { consulta });
        ASSERT_EQ(addUser(u"chefe"_s, u"--admin"_s, u"senha-do-chefe"_s), 0);
        ASSERT_EQ(addUser(u"ana"_s, u"--role=attendant"_s, u"senha-da-ana"_s), 0);
        totemToken = server.addDevice(u"totem"_s);
        deskToken = server.addDevice(u"desk"_s);
        ASSERT_TRUE(server.start()) << server.log().toStdString();
    }

    int addUser(
        const QString &username, const QString &roleFlag, const QString &password, bool viaStdin = true)
    {
        QStringList args { u"user"_s, u"add"_s, u"--username"_s, username, roleFlag };
        if (viaStdin)
            args << u"--password-stdin"_s;
        int exitCode = -1;
        server.runCli(args, &exitCode, password.toUtf8() + '\n');
        return exitCode;
    }

    Reply send(const QByteArray &method, const QString &path,
        const QList<QPair<QByteArray, QByteArray>> &headers = {}, const QJsonObject &body = {})
    {
        return sendRaw(server.url(), method, path, headers, body);
    }

    // Logs in; returns the cookie header value and the CSRF token.
    std::pair<QByteArray, QByteArray> login(const QString &username, const QString &password)
    {
        const Reply r = send(
            "POST", u"/api/v1/session"_s, {}, { { u"username"_s, username }, { u"password"_s, password } });
        EXPECT_EQ(r.status, 200) << r.body.constData();
        const QByteArray setCookie = r.headers.value("set-cookie");
        return { setCookie.left(setCookie.indexOf(';')), r.json.value(u"csrfToken"_s).toString().toLatin1() };
    }

    QByteArray host() const { return "127.0.0.1:" + QByteArray::number(server.port()); }
    // The event stream with a session cookie from `origin` (empty: no Origin header).
    Subscription subscribe(const QByteArray &session, const QString &origin)
    {
        QNetworkRequest request(QUrl(u"ws://%1/api/v1/events"_s.arg(QString::fromLatin1(host()))));
        request.setRawHeader("Cookie", session);
        return subscribeOnce(request, origin);
    }

    ServerProcess server;
    qint64 consulta = 0, room = 0;
    QString totemToken, deskToken;
};

} // namespace

TEST_F(SessionApiTest, LoginSetsAnHttpOnlyCookieThatActsAsADesk)
{
    const Reply r = send("POST", u"/api/v1/session"_s, {},
        { { u"username"_s, u"ana"_s }, { u"password"_s, u"senha-da-ana"_s } });
    ASSERT_EQ(r.status, 200);
    const QByteArray cookie = r.headers.value("set-cookie");
    EXPECT_TRUE(cookie.startsWith("clinico_session="));
    EXPECT_TRUE(cookie.contains("HttpOnly"));
    EXPECT_TRUE(cookie.contains("SameSite=Strict"));
    EXPECT_EQ(r.json.value(u"user"_s).toObject().value(u"role"_s).toString(), u"attendant"_s);
    EXPECT_FALSE(r.body.contains("password"));

    const auto [session, csrf] = login(u"ana"_s, u"senha-da-ana"_s);
    EXPECT_EQ(send("GET", u"/api/v1/tickets"_s, { { "Cookie", session } }).status, 200);
    const Reply who = send("GET", u"/api/v1/session"_s, { { "Cookie", session } });
    EXPECT_EQ(who.json.value(u"csrfToken"_s).toString().toLatin1(), csrf);
    const Reply call = send("POST", u"/api/v1/counters/%1/call-next"_s.arg(room),
        { { "Cookie", session }, { "X-CSRF-Token", csrf } });
    EXPECT_EQ(call.status, 200) << call.body.constData();

    EXPECT_EQ(
        send("DELETE", u"/api/v1/session"_s, { { "Cookie", session }, { "X-CSRF-Token", csrf } }).status,
        204);
    EXPECT_EQ(send("GET", u"/api/v1/tickets"_s, { { "Cookie", session } }).status, 401);
}

TEST_F(SessionApiTest, StateChangesNeedTheCsrfTokenAndThisOrigin)
{
    const auto [session, csrf] = login(u"ana"_s, u"senha-da-ana"_s);
    const QString path = u"/api/v1/counters/%1/call-next"_s.arg(room);
    EXPECT_EQ(send("POST", path, { { "Cookie", session } }).status, 403);
    EXPECT_EQ(send("POST", path, { { "Cookie", session }, { "X-CSRF-Token", "wrong" } }).status, 403);
    const Reply foreign = send("POST", path,
        { { "Cookie", session }, { "X-CSRF-Token", csrf }, { "Origin", "http://evil.example" } });
    EXPECT_EQ(foreign.status, 403);
    EXPECT_EQ(foreign.json.value(u"code"_s).toString(), u"csrf"_s);
    EXPECT_EQ(send("POST", path,
                  { { "Cookie", session }, { "X-CSRF-Token", csrf }, { "Origin", "http://" + host() } })
                  .status,
        200);
    // Logging in from another site is refused too (no session planted by a foreign page).
    const Reply planted = send("POST", u"/api/v1/session"_s, { { "Origin", "http://evil.example" } },
        { { u"username"_s, u"ana"_s }, { u"password"_s, u"senha-da-ana"_s } });
    EXPECT_EQ(planted.status, 403);
}

TEST_F(SessionApiTest, AnAttendantIsKeptOutOfAdministrationAndAnAdminManagesIt)
{
    const auto [ana, anaCsrf] = login(u"ana"_s, u"senha-da-ana"_s);
    for (const QString &path :
        { u"/api/v1/users"_s, u"/api/v1/devices"_s, u"/api/v1/audit"_s, u"/api/v1/settings/admin"_s })
        EXPECT_EQ(send("GET", path, { { "Cookie", ana } }).status, 403) << path.toStdString();
    EXPECT_EQ(send("POST", u"/api/v1/users"_s, { { "Cookie", ana }, { "X-CSRF-Token", anaCsrf } },
                  { { u"username"_s, u"eu"_s }, { u"role"_s, u"admin"_s }, { u"password"_s, u"12345678"_s } })
                  .status,
        403);

    const auto [boss, csrf] = login(u"chefe"_s, u"senha-do-chefe"_s);
    const QList<QPair<QByteArray, QByteArray>> admin { { "Cookie", boss }, { "X-CSRF-Token", csrf } };
    const Reply created = send("POST", u"/api/v1/users"_s, admin,
        { { u"username"_s, u"CRM-SP-123456"_s }, { u"displayName"_s, u"Dra. Lima"_s },
            { u"role"_s, u"doctor"_s }, { u"password"_s, u"senha-da-medica"_s } });
    ASSERT_EQ(created.status, 201) << created.body.constData();
    const Reply device
        = send("POST", u"/api/v1/devices"_s, admin, { { u"name"_s, u"TV nova"_s }, { u"role"_s, u"tv"_s } });
    ASSERT_EQ(device.status, 201);
    const QString tvToken = device.json.value(u"token"_s).toString();
    EXPECT_EQ(ApiClient(server.url(), tvToken).get(u"/api/v1/services"_s)->status, 200);
    const qint64 deviceId = device.json.value(u"device"_s).toObject().value(u"id"_s).toInteger();
    EXPECT_EQ(send("POST", u"/api/v1/devices/%1/revoke"_s.arg(deviceId), admin).status, 204);
    EXPECT_EQ(ApiClient(server.url(), tvToken).get(u"/api/v1/services"_s)->status, 401);

    const Reply settings = send("PUT", u"/api/v1/settings/admin"_s, admin,
        { { u"resetTime"_s, u"03:30"_s }, { u"normalEvery"_s, 3 }, { u"showNames"_s, true },
            { u"retentionDays"_s, 60 }, { u"clinicName"_s, u"Clínica Teste"_s }, { u"notice"_s, u""_s } });
    ASSERT_EQ(settings.status, 200) << settings.body.constData();
    EXPECT_EQ(
        send("GET", u"/api/v1/settings/admin"_s, admin).json.value(u"resetTime"_s).toString(), u"03:30"_s);
    EXPECT_TRUE(ApiClient(server.url(), totemToken)
                    .get(u"/api/v1/settings/display"_s)
                    ->json()
                    .value(u"showNames"_s)
                    .toBool());

    const QJsonArray entries = send("GET", u"/api/v1/audit"_s, admin).json.value(u"entries"_s).toArray();
    QStringList actions;
    for (const QJsonValue &e : entries)
        actions << e.toObject().value(u"action"_s).toString();
    for (const QString &a :
        { u"user.add"_s, u"device.add"_s, u"device.revoke"_s, u"settings.change"_s, u"login"_s })
        EXPECT_TRUE(actions.contains(a)) << a.toStdString();
    EXPECT_FALSE(QJsonDocument(entries).toJson().contains("senha-da-medica"))
        << "never a password in the audit log";
}

TEST_F(SessionApiTest, DeviceTokensWorkAsBeforeEvenWithACookie)
{
    const auto [session, csrf] = login(u"ana"_s, u"senha-da-ana"_s);
    // A desk device posts without any CSRF token: bearer tokens are not sent by browsers on their own.
    const Reply call = send("POST", u"/api/v1/counters/%1/call-next"_s.arg(room),
        { { "Authorization", "Bearer " + deskToken.toLatin1() }, { "Cookie", "clinico_session=junk" } });
    EXPECT_EQ(call.status, 200) << call.body.constData();
    EXPECT_EQ(
        send("GET", u"/api/v1/users"_s, { { "Authorization", "Bearer " + deskToken.toLatin1() } }).status,
        403);
    EXPECT_EQ(send("GET", u"/api/v1/tickets"_s).status, 401);
}

TEST_F(SessionApiTest, TheEventStreamTakesTheSessionCookieOnlyFromThisOrigin)
{
    const auto [session, csrf] = login(u"ana"_s, u"senha-da-ana"_s);
    const auto [hello, code] = subscribe(session, u"http://"_s + QString::fromLatin1(host()));
    EXPECT_TRUE(hello.contains(u"\"role\":\"desk\""_s)) << hello.toStdString() << " close " << code;
    const auto [none, refused] = subscribe(session, u"http://evil.example"_s);
    EXPECT_TRUE(none.isEmpty());
    EXPECT_EQ(refused, 4403);
}

TEST_F(SessionApiTest, TheEventStreamRefusesTheSessionCookieWithoutAnOrigin)
{
    const auto [session, csrf] = login(u"ana"_s, u"senha-da-ana"_s);
    const auto [hello, code] = subscribe(session, QString());
    EXPECT_TRUE(hello.isEmpty()) << hello.toStdString();
    EXPECT_EQ(code, 4403);
}

TEST_F(SessionApiTest, TheConsoleIsServedWithAContentSecurityPolicy)
{
    const Reply redirect = send("GET", u"/desk"_s);
    EXPECT_EQ(redirect.status, 302);
    const Reply page = send("GET", u"/desk/"_s);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(page.headers.value("content-type").startsWith("text/html"));
    EXPECT_TRUE(page.headers.value("content-security-policy").contains("script-src 'self'"));
    EXPECT_TRUE(page.body.contains("lang=\"pt-BR\""));
    EXPECT_EQ(send("GET", u"/desk/app.js"_s).headers.value("content-type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(send("GET", u"/desk/../clinico.sqlite"_s).status, 404);
}

TEST_F(SessionApiTest, TheCliTakesPasswordsOnlyFromStdin)
{
    EXPECT_NE(addUser(u"semsenha"_s, u"--admin"_s, u"senha-longa-1"_s, false), 0);
    EXPECT_NE(addUser(u"curta"_s, u"--admin"_s, u"123"_s), 0) << "at least 8 characters";
    EXPECT_EQ(addUser(u"nova"_s, u"--role=doctor"_s, u"senha-longa-1"_s), 0);
    const Reply r = send("POST", u"/api/v1/session"_s, {},
        { { u"username"_s, u"nova"_s }, { u"password"_s, u"senha-longa-1"_s } });
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json.value(u"user"_s).toObject().value(u"role"_s).toString(), u"doctor"_s);
}

TEST_F(SessionApiTest, ParallelGuessesCannotSlipPastTheThrottle)
{
    QNetworkAccessManager network;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 12; ++i) {
        QNetworkRequest request(server.url().resolved(QUrl(u"/api/v1/session"_s)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        const QJsonObject body { { u"username"_s, u"ana"_s }, { u"password"_s, u"chute-%1"_s.arg(i) } };
        replies << network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    ASSERT_TRUE(spinUntil(
        [&] { return std::all_of(replies.begin(), replies.end(), [](auto *r) { return r->isFinished(); }); },
        20000));
    int refused = 0, throttled = 0;
    for (QNetworkReply *r : replies) {
        const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        refused += status == 401;
        throttled += status == 429;
        r->deleteLater();
    }
    EXPECT_EQ(refused, 5) << "only five guesses were checked";
    EXPECT_EQ(throttled, 7);
    // Meanwhile the server kept answering: a login does not block the event loop.
    EXPECT_EQ(send("GET", u"/healthz"_s).status, 200);
}
