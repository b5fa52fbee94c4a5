// SPDX-License-Identifier: GPL-3.0-or-later
// A server behind a reverse proxy it trusts (--trusted-proxy 127.0.0.1): the client the proxy
// names in X-Forwarded-For is who the limits, the logs and the audit see, and the proxy itself
// is not capped per address; anyone else's X-Forwarded-For changes nothing. (Through the real
// nginx: network_test.cpp.)
#include "integration/serverfixture.h"
#include "support/rawconnection.h"

#include <QJsonArray>

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {

class TrustedProxy : public ServerFixture
{
protected:
    TrustedProxy()
    {
        server.extraArgs
            = { u"--trusted-proxy"_s, u"127.0.0.1"_s, u"--max-connections-per-loopback-address"_s, u"3"_s };
    }

    // One request on its own connection from `from` (127.0.0.1 is the trusted proxy).
    QByteArray send(const char *from, const QByteArray &method, const QByteArray &path,
        const QByteArray &forwardedFor, const QByteArray &body = {})
    {
        auto c = RawConnection::open(server.port(), from);
        if (!c)
            return {};
        QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!forwardedFor.isNull())
            request += "X-Forwarded-For: " + forwardedFor + "\r\n";
        if (!body.isEmpty())
            request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                + "\r\n";
        request += "\r\n" + body;
        return c->send(request) ? c->readAnswer() : QByteArray();
    }
    int enrol(const char *from, const QByteArray &forwardedFor)
    {
        return RawConnection::status(send(from, "POST", "/api/v1/enrolments", forwardedFor,
            R"({"role":"totem","hostname":"kiosk","model":"NUC","version":"0.1.0"})"));
    }
    int failLogin(const char *from, const QByteArray &forwardedFor)
    {
        return RawConnection::status(send(
            from, "POST", "/api/v1/session", forwardedFor, R"({"username":"ninguem","password":"errada"})"));
    }
    // The addresses the audit log blames for failed logins, newest first.
    QStringList failedLoginAddresses()
    {
        if (adminToken.isEmpty())
            adminToken = server.addDevice(u"admin"_s, u"Admin"_s);
        QStringList out;
        auto r = ApiClient(server.url(), adminToken).get(u"/api/v1/audit?action=login_failed"_s);
        for (const QJsonValue &e : r->json().value(u"entries"_s).toArray())
            out << e[u"actor"_s].toString();
        return out;
    }
    QString adminToken;
};

} // namespace

TEST_F(TrustedProxy, EachClientItNamesHasItsOwnEnrolmentLimit)
{
    for (int i = 0; i < 10; ++i)
        ASSERT_EQ(enrol("127.0.0.1", "198.51.100.1, 203.0.113.7"), 201) << "request " << i;
    EXPECT_EQ(enrol("127.0.0.1", "203.0.113.7"), 429) << "the eleventh from 203.0.113.7";
    // Forging an address left of the one the proxy appended changes nothing.
    EXPECT_EQ(enrol("127.0.0.1", "198.51.100.2, 203.0.113.7"), 429);
    EXPECT_EQ(enrol("127.0.0.1", "203.0.113.8"), 201) << "another client behind the same proxy";
}

TEST_F(TrustedProxy, AForgedHeaderFromAnUntrustedPeerIsIgnored)
{
    for (int i = 0; i < 10; ++i)
        ASSERT_EQ(enrol("127.0.0.2", "203.0.113." + QByteArray::number(20 + i)), 201) << "request " << i;
    EXPECT_EQ(enrol("127.0.0.2", "203.0.113.99"), 429) << "a new address each time does not reset the limit";

    ASSERT_EQ(failLogin("127.0.0.2", "203.0.113.50"), 401);
    ASSERT_EQ(failLogin("127.0.0.1", "127.0.0.2, 203.0.113.51"), 401);
    EXPECT_EQ(failedLoginAddresses(), QStringList({ u"address:203.0.113.51"_s, u"address:127.0.0.2"_s }));
}

TEST_F(TrustedProxy, TheProxyIsNotCappedPerAddressWhileOthersAre)
{
    // Twice the cap of 3, all open at once, from the trusted proxy: each is answered.
    std::vector<std::unique_ptr<RawConnection>> viaProxy;
    for (int i = 0; i < 6; ++i) {
        viaProxy.push_back(RawConnection::open(server.port(), "127.0.0.1"));
        ASSERT_TRUE(viaProxy.back());
    }
    for (std::size_t i = 0; i < viaProxy.size(); ++i) {
        ASSERT_TRUE(viaProxy[i]->send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        EXPECT_EQ(RawConnection::status(viaProxy[i]->readAnswer()), 200) << "connection " << i;
    }
    // From an untrusted loopback address the fourth is refused.
    std::vector<std::unique_ptr<RawConnection>> direct;
    for (int i = 0; i < 3; ++i) {
        direct.push_back(RawConnection::open(server.port(), "127.0.0.2"));
        ASSERT_TRUE(direct.back());
        ASSERT_TRUE(direct.back()->send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        ASSERT_EQ(RawConnection::status(direct.back()->readAnswer()), 200) << "connection " << i;
    }
    auto fourth = RawConnection::open(server.port(), "127.0.0.2");
    ASSERT_TRUE(fourth);
    EXPECT_TRUE(fourth->waitClosed(5000)) << "a fourth connection from 127.0.0.2 was kept";
    EXPECT_TRUE(server.log().contains(u"127.0.0.2\" already has 3 connections"_s)) << "the refusal is logged";
}

TEST_F(TrustedProxy, ARefusedEventStreamIsLoggedWithTheClientsAddress)
{
    const QByteArray upgrade = "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                               "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer not-a-token\r\n"
                               "X-Forwarded-For: 203.0.113.60\r\n\r\n";
    auto c = RawConnection::open(server.port(), "127.0.0.1");
    ASSERT_TRUE(c);
    ASSERT_TRUE(c->send(upgrade));
    EXPECT_TRUE(
        spinUntil([&] { return server.log().contains(u"subscriber from \"203.0.113.60\" refused"_s); }, 5000))
        << "no refusal naming the client in the log";
}
