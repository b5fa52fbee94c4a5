// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/trustedproxies.h"

#include <gtest/gtest.h>

using namespace clinico::server;
using namespace Qt::StringLiterals;

namespace {
TrustedProxies proxies(const QStringList &entries)
{
    auto parsed = TrustedProxies::parse(entries);
    EXPECT_TRUE(parsed.ok()) << (parsed ? "" : parsed.error().message.toStdString());
    return parsed ? *parsed : TrustedProxies {};
}

QString client(const TrustedProxies &trusted, const char *peer, const char *forwardedFor)
{
    return trusted.clientAddress(QHostAddress(QString::fromLatin1(peer)), forwardedFor).toString();
}
} // namespace

TEST(TrustedProxies, AcceptsAddressesAndBlocksAndRefusesAnythingElseByName)
{
    const TrustedProxies trusted = proxies({ u"127.0.0.1"_s, u" 10.1.0.0/16 "_s, u"::1"_s, u""_s });
    EXPECT_TRUE(trusted.contains(QHostAddress(u"127.0.0.1"_s)));
    EXPECT_TRUE(trusted.contains(QHostAddress(u"10.1.200.3"_s)));
    EXPECT_TRUE(trusted.contains(QHostAddress(u"::ffff:10.1.0.9"_s))) << "a dual-stack socket's IPv4 peer";
    EXPECT_TRUE(trusted.contains(QHostAddress(u"::1"_s)));
    EXPECT_FALSE(trusted.contains(QHostAddress(u"10.2.0.1"_s)));
    EXPECT_FALSE(trusted.contains(QHostAddress(u"127.0.0.2"_s)));

    auto bad = TrustedProxies::parse({ u"127.0.0.1"_s, u"nginx.local"_s });
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().message.contains(u"nginx.local"_s)) << bad.error().message.toStdString();
    EXPECT_FALSE(TrustedProxies::parse({ u"10.0.0.0/40"_s }).ok());
    EXPECT_TRUE(proxies({}).isEmpty());
}

TEST(TrustedProxies, BelievesTheRightmostAddressThatIsNotATrustedProxy)
{
    const TrustedProxies trusted = proxies({ u"127.0.0.1"_s, u"10.1.0.0/16"_s });
    struct Row
    {
        const char *peer;
        const char *forwardedFor;
        const char *client;
    };
    const Row rows[] = {
        // nginx (trusted) passing on a client.
        { "127.0.0.1", "203.0.113.7", "203.0.113.7" },
        // The client's forged entry is left of what nginx appended: ignored.
        { "127.0.0.1", "198.51.100.1, 203.0.113.7", "203.0.113.7" },
        // Two trusted proxies in a row (a load balancer, then nginx).
        { "127.0.0.1", "203.0.113.7,10.1.4.4", "203.0.113.7" },
        { "127.0.0.1", "198.51.100.1, 203.0.113.7, 10.1.4.4", "203.0.113.7" },
        // Trusted proxies all the way: the leftmost.
        { "127.0.0.1", "10.1.9.9, 10.1.4.4", "10.1.9.9" },
        // No header, or one that is no address: the proxy that passed it on.
        { "127.0.0.1", "", "127.0.0.1" },
        { "127.0.0.1", "unknown", "127.0.0.1" },
        { "127.0.0.1", "203.0.113.7, garbage, 10.1.4.4", "10.1.4.4" },
        { "127.0.0.1", "2001:db8::5", "2001:db8::5" },
        // Anyone else's header is their own word.
        { "127.0.0.2", "203.0.113.7", "127.0.0.2" },
        { "192.0.2.50", "10.1.4.4, 127.0.0.1", "192.0.2.50" },
    };
    for (const Row &row : rows)
        EXPECT_EQ(client(trusted, row.peer, row.forwardedFor), QString::fromLatin1(row.client))
            << "from " << row.peer << " with X-Forwarded-For: " << row.forwardedFor;
    EXPECT_EQ(client(proxies({}), "127.0.0.1", "203.0.113.7"), u"127.0.0.1"_s) << "nobody trusted";
}
