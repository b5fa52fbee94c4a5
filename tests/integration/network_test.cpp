// SPDX-License-Identifier: GPL-3.0-or-later
// A network of clinics as it runs: two clinico-server processes on one PostgreSQL database
// behind Debian's nginx (the shipped packaging/nginx/clinico.conf), every client going
// through nginx. PostgreSQL runs only (label postgres): the instances share the database and
// hear each other's events through it.
#include "integration/serverfixture.h"
#include "support/issueload.h"
#include "support/privatenginx.h"
#include "support/rawconnection.h"
#include "support/testdatabase.h"
#include "support/websocketload.h"

#include <QJsonArray>
#include <QSqlQuery>

#include <thread>

#include <csignal>

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

class BehindNginx : public ServerFixture
{
protected:
    BehindNginx()
    {
        // nginx reaches the instances from 127.0.0.1: they believe its X-Forwarded-For.
        server.extraArgs = second.extraArgs = { u"--trusted-proxy"_s, u"127.0.0.1"_s };
    }
    void SetUp() override
    {
        if (!testsRunOnPostgres())
            GTEST_SKIP() << "several instances share a PostgreSQL database";
        if (PrivateNginx::binary().isEmpty())
            GTEST_FAIL() << "nginx is not installed (scripts/debian-packages.txt)";
        ServerFixture::SetUp();
        if (HasFatalFailure())
            return;
        ASSERT_TRUE(second.start()) << second.log().toStdString();
        ASSERT_TRUE(nginx.start({ server.port(), second.port() })) << nginx.log().toStdString();
    }
    void TearDown() override
    {
        ServerFixture::TearDown();
        if (HasFailure())
            std::cerr << "--- second instance's log ---\n"
                      << second.log().toStdString() << "\n--- nginx's log ---\n"
                      << nginx.log().toStdString() << std::endl;
    }

    // The seqs the log holds after `since`, read behind the servers' backs.
    QList<qint64> logSeqsAfter(qint64 since)
    {
        QList<qint64> seqs;
        {
            QSqlDatabase db = connectionToTestDatabase(server.dataDir(), u"log-check"_s);
            EXPECT_TRUE(db.open());
            QSqlQuery q(db);
            EXPECT_TRUE(q.exec(u"SELECT seq FROM events WHERE seq > %1 ORDER BY seq"_s.arg(since)));
            while (q.next())
                seqs << q.value(0).toLongLong();
        }
        QSqlDatabase::removeDatabase(u"log-check"_s);
        return seqs;
    }

    // Idempotency key -> how many tickets have it, and the first one's id.
    QHash<QString, std::pair<int, qint64>> ticketsByKey()
    {
        QHash<QString, std::pair<int, qint64>> tickets;
        {
            QSqlDatabase db = connectionToTestDatabase(server.dataDir(), u"ticket-check"_s);
            EXPECT_TRUE(db.open());
            QSqlQuery q(db);
            EXPECT_TRUE(
                q.exec(u"SELECT idempotency_key, COUNT(*), MIN(id) FROM tickets GROUP BY idempotency_key"_s));
            while (q.next())
                tickets.insert(q.value(0).toString(), { q.value(1).toInt(), q.value(2).toLongLong() });
        }
        QSqlDatabase::removeDatabase(u"ticket-check"_s);
        return tickets;
    }

    // A connection to nginx from `from` (any 127.x.x.x; nginx does not limit 127.0.0.1 itself).
    std::unique_ptr<RawConnection> toNginx(const char *from)
    {
        auto c = RawConnection::open(nginx.port(), from);
        EXPECT_TRUE(c) << "from " << from;
        return c;
    }
    static QByteArray post(const QByteArray &path, const QByteArray &extraHeaders, qint64 contentLength)
    {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + extraHeaders + "Content-Length: " + QByteArray::number(contentLength) + "\r\n\r\n";
    }

    ServerProcess second { server.dataDir() }; // same data directory: the same database
    PrivateNginx nginx;
};

} // namespace

TEST_F(BehindNginx, SubscribersOnEitherInstanceHearEveryCallInOneSequence)
{
    totem->issue(validCpf(300), consulta);
    totem->issue(validCpf(301), consulta);
    totem->issue(validCpf(302), consulta);
    const qint64 since = lastSeq();
    // nginx hands connections out in turn: two subscribers on each instance.
    std::vector<std::unique_ptr<EventRecorder>> recorders;
    for (int i = 0; i < 4; ++i) {
        recorders.push_back(std::make_unique<EventRecorder>(nginx.url(), deskToken, since));
        ASSERT_TRUE(recorders.back()->waitConnected()) << "subscriber " << i << " through nginx";
    }
    ApiClient viaNginx(nginx.url(), deskToken);
    for (int i = 0; i < 3; ++i)
        expectOk(viaNginx.post(u"/api/v1/counters/%1/call-next"_s.arg(i % 2 ? room5 : room3)));
    const QList<qint64> expected = logSeqsAfter(since);
    ASSERT_GE(expected.size(), 3);

    for (std::size_t i = 0; i < recorders.size(); ++i) {
        EventRecorder &r = *recorders[i];
        ASSERT_TRUE(
            spinUntil([&] { return !r.events.isEmpty() && r.events.last().seq >= expected.last(); }, 10000))
            << "subscriber " << i;
        EXPECT_EQ(r.seqs(), expected) << "subscriber " << i << ": every event, once, in order";
    }

    const qint64 pid = nginx.pid();
    ASSERT_NE(pid, 0);
    nginx.stop();
    EXPECT_NE(::kill(pid_t(pid), 0), 0) << "nginx " << pid << " outlived its stop()";
}

TEST_F(BehindNginx, KillingOneInstanceUnderLoadLosesNoEventAndNoTicket)
{
    constexpr int kSubscribers = 200;
    constexpr int kTickets = 600;
    const qint64 since = lastSeq();
    WebSocketLoad::Options options;
    options.port = nginx.port();
    options.token = deskToken.toUtf8();
    options.connections = kSubscribers;
    options.threads = 1;
    options.since = since;
    options.recordSeqs = true;
    WebSocketLoad desks(options);
    ASSERT_TRUE(desks.connectAll(20s)) << desks.open() << " of " << kSubscribers << " connected";

    IssueLoad totems(nginx.url(), totemToken, { consulta, exames }, 4);
    totems.retriesPerTicket = 50; // 5 s: an outbox would go on for longer
    IssueLoadResult issued;
    std::thread load([&] { issued = totems.run(kTickets); });

    // Under way: a third of the tickets in, the second instance dies without a word.
    const bool underWay = spinUntil([&] { return lastSeq() >= since + kTickets / 3; }, 60000);
    const int closedBefore = desks.closed();
    second.kill();
    // Its subscribers reconnect through nginx, to the first instance, while tickets go on.
    const bool resumed = desks.resumeClosed(closedBefore, 30s);
    load.join();
    ASSERT_TRUE(underWay) << "the tickets did not get under way";
    ASSERT_TRUE(resumed) << desks.closed() - closedBefore << " lost their instance, " << desks.open()
                         << " of " << kSubscribers << " open";
    const QList<qint64> expected = logSeqsAfter(since);
    ASSERT_FALSE(expected.isEmpty());
    desks.arm(expected.last());
    ASSERT_TRUE(desks.waitAll(30s)) << desks.reached() << " of " << kSubscribers << " caught up";
    desks.stop();

    // Every subscriber got every event the log holds, once, in order: it resumed where it was.
    const auto received = desks.receivedSeqs();
    int exact = 0;
    for (std::size_t i = 0; i < received.size(); ++i) {
        const QList<qint64> got(received[i].begin(), received[i].end());
        if (got == expected)
            ++exact;
        else if (i - exact < 3)
            ADD_FAILURE() << "subscriber " << i << " got " << got.size() << " events of " << expected.size();
    }
    EXPECT_EQ(exact, kSubscribers);

    // Every ticket a totem was told about exists exactly once; none was lost or made twice.
    EXPECT_EQ(issued.acknowledged.size(), kTickets) << issued.firstFailures.join(u" | ").toStdString();
    const auto tickets = ticketsByKey();
    for (auto it = issued.acknowledged.cbegin(); it != issued.acknowledged.cend(); ++it) {
        const auto found = tickets.value(it.key(), { 0, 0 });
        EXPECT_EQ(found.first, 1) << "key " << it.key().toStdString();
        EXPECT_EQ(found.second, it.value()) << "key " << it.key().toStdString();
    }
    int made = 0;
    for (const auto &[count, id] : tickets)
        made += count;
    EXPECT_EQ(made, kTickets); // no ticket that nobody was told about
}

TEST_F(BehindNginx, EachInstanceSeesTheClientNginxNamesNotAForgedHeader)
{
    const QByteArray login = R"({"username":"ninguem","password":"errada"})";
    // The client at 127.0.0.2 claims another address; nginx appends the one it sees.
    auto forged = toNginx("127.0.0.2");
    ASSERT_TRUE(
        forged->send(post("/api/v1/session", "X-Forwarded-For: 203.0.113.5\r\n", login.size()) + login));
    ASSERT_EQ(RawConnection::status(forged->readAnswer()), 401);
    auto plain = toNginx("127.0.0.3");
    ASSERT_TRUE(plain->send(post("/api/v1/session", {}, login.size()) + login));
    ASSERT_EQ(RawConnection::status(plain->readAnswer()), 401);

    const QString adminToken = server.addDevice(u"admin"_s, u"Admin"_s);
    QStringList blamed;
    auto audit = ApiClient(nginx.url(), adminToken).get(u"/api/v1/audit?action=login_failed"_s);
    for (const QJsonValue &e : audit->json().value(u"entries"_s).toArray())
        blamed << e[u"actor"_s].toString();
    EXPECT_EQ(blamed, QStringList({ u"address:127.0.0.3"_s, u"address:127.0.0.2"_s }));
}

TEST_F(BehindNginx, NginxCapsTheConnectionsOfEachClient)
{
    // 64 requests under way from one client (their bodies never finish): nginx's limit_conn.
    const QByteArray body = R"({"role":"totem","hostname":"k","model":"NUC","version":"0.1.0"})";
    std::vector<std::unique_ptr<RawConnection>> hanging;
    for (int i = 0; i < 64; ++i) {
        hanging.push_back(toNginx("127.0.0.2"));
        ASSERT_TRUE(hanging.back()->send(post("/api/v1/enrolments", {}, body.size()) + body.left(5)));
    }
    // nginx counts a request once it has read its headers: wait until it holds all 64.
    auto more = toNginx("127.0.0.2");
    QByteArray answer;
    ASSERT_TRUE(spinUntil(
        [&] {
            more = toNginx("127.0.0.2");
            more->send(post("/api/v1/enrolments", {}, body.size()) + body);
            answer = more->readAnswer(2000);
            return RawConnection::status(answer) == 429;
        },
        10000))
        << "the 65th request from 127.0.0.2: " << answer.left(200).constData();
    // Another client behind the same nginx is not held back.
    auto other = toNginx("127.0.0.3");
    ASSERT_TRUE(other->send(post("/api/v1/enrolments", {}, body.size()) + body));
    answer = other->readAnswer();
    EXPECT_EQ(RawConnection::status(answer), 201) << answer.left(300).constData();
}
