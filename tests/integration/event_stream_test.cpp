// SPDX-License-Identifier: GPL-3.0-or-later
#include "integration/serverfixture.h"
#include "support/issueload.h"
#include "support/rawconnection.h"
#include "support/testdatabase.h"
#include "support/websocketload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <QWebSocket>

#include <future>
#include <thread>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {
class EventStream : public ServerFixture
{
protected:
    // The subscriber sees one ticket issued, then disconnects; returns the last seq it saw.
    qint64 seeOneEventThenLeave(EventRecorder &sub)
    {
        EXPECT_TRUE(sub.waitConnected());
        totem->issue(validCpf(1), consulta);
        EXPECT_TRUE(sub.waitForEvents(1));
        const qint64 seen = sub.client().lastSeq();
        sub.client().stop();
        EXPECT_TRUE(spinUntil([&] { return !sub.client().isConnected(); }, 3000));
        return seen;
    }
};
} // namespace

TEST_F(EventStream, NewSubscriberGetsASnapshotThenLiveEvents)
{
    totem->issue(validCpf(1), consulta);
    expectOk(desk->post(u"/api/v1/counters/%1/call-next"_s.arg(room3)));
    EventRecorder sub(server.url(), deskToken);
    ASSERT_TRUE(spinUntil([&] { return !sub.snapshots.isEmpty(); }, 5000));
    EXPECT_FALSE(sub.hellos.first().filtered); // a desk sees every event
    const Snapshot &s = sub.snapshots.first();
    EXPECT_EQ(s.seq, 2);
    ASSERT_EQ(s.recentCalls.size(), 1);
    EXPECT_EQ(s.recentCalls.first().counterName, u"Consultório 3"_s);
    EXPECT_TRUE(sub.events.isEmpty());
    totem->issue(validCpf(2), consulta);
    ASSERT_TRUE(sub.waitForEvents(1));
    EXPECT_EQ(sub.events.first().seq, 3);
}

TEST_F(EventStream, ReconnectingSubscriberGetsExactlyTheEventsItMissed)
{
    EventRecorder sub(server.url(), deskToken);
    qint64 seen = 0;
    ASSERT_NO_FATAL_FAILURE(seen = seeOneEventThenLeave(sub));

    // Five changes while it is away.
    totem->issue(validCpf(2), consulta);
    totem->issue(validCpf(3), consulta, PriorityClass::Priority);
    expectOk(desk->post(u"/api/v1/counters/%1/call-next"_s.arg(room3)));
    expectOk(desk->post(u"/api/v1/counters/%1/call-next"_s.arg(room5)));
    totem->issue(validCpf(4), consulta);

    sub.events.clear();
    sub.snapshots.clear();
    sub.client().start(seen);
    ASSERT_TRUE(sub.waitForEvents(5));
    spinUntil([] { return false; }, 300); // anything extra would arrive now
    EXPECT_EQ(sub.seqs(), (QList<qint64> { seen + 1, seen + 2, seen + 3, seen + 4, seen + 5 }));
    EXPECT_TRUE(sub.snapshots.isEmpty());
}

TEST_F(EventStream, ServerRestartMidStreamLosesAndDuplicatesNothing)
{
    EventRecorder sub(server.url(), deskToken);
    ASSERT_TRUE(sub.waitConnected());
    for (int i = 0; i < 3; ++i)
        totem->issue(validCpf(10 + i), consulta);
    ASSERT_TRUE(sub.waitForEvents(3));
    server.kill();
    ASSERT_TRUE(spinUntil([&] { return !sub.client().isConnected(); }, 5000));
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    for (int i = 0; i < 3; ++i)
        totem->issue(validCpf(20 + i), consulta);
    ASSERT_TRUE(sub.waitForEvents(6, 15000)) << "reconnect did not happen";
    spinUntil([] { return false; }, 300);
    EXPECT_EQ(sub.seqs(), (QList<qint64> { 1, 2, 3, 4, 5, 6 }));
}

// Two thousand desks (they see every event, so a lost or doubled one shows) spread over the
// server's I/O threads when it restarts: every one resumes from its own seq, into a backlog
// that grows while they reconnect, and no stream skips or repeats an event.
TEST_F(EventStream, TwoThousandSubscribersResumeWithoutAGapAfterARestart)
{
    constexpr int kSubscribers = 2000;
    const int descriptors = WebSocketLoad::raiseDescriptorLimit(kSubscribers + 512);
    if (descriptors < kSubscribers + 512)
        GTEST_SKIP() << "only " << descriptors << " descriptors";
    server.stop();
    server.descriptorLimit = kSubscribers + 512;
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    WebSocketLoad desks({ server.port(), deskToken.toUtf8(), kSubscribers, 2, 1000000000, true });
    ASSERT_TRUE(desks.connectAll(std::chrono::seconds(60))) << desks.open() << " connected";
    for (int i = 0; i < 5; ++i)
        totem->issue(validCpf(100 + i), consulta);
    desks.arm(5);
    ASSERT_TRUE(desks.waitAll(std::chrono::seconds(30))) << desks.reached() << " saw seq 5";

    server.stop();
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    std::thread issuing([url = server.url(), token = totemToken, consulta = consulta] {
        ApiClient again(url, token);
        for (int i = 0; i < 50; ++i)
            again.issue(validCpf(200 + i), consulta);
    });
    const bool allBack = desks.reconnectAll(std::chrono::seconds(60));
    issuing.join();
    ASSERT_TRUE(allBack) << desks.open() << " of " << kSubscribers << " resumed";
    desks.arm(55);
    ASSERT_TRUE(desks.waitAll(std::chrono::seconds(30))) << desks.reached() << " saw seq 55";
    EXPECT_EQ(desks.gaps(), 0);
    EXPECT_EQ(desks.open(), kSubscribers);
}

TEST_F(EventStream, AClientAheadOfTheServerGetsASnapshot)
{
    EventRecorder tv(server.url(), tvToken, 999999); // the server's database was replaced
    ASSERT_TRUE(spinUntil([&] { return !tv.snapshots.isEmpty(); }, 5000));
}

TEST_F(EventStream, AClientTooFarBehindGetsASnapshotInsteadOfTheBacklog)
{
    for (int i = 0; i < 1005; ++i)
        ASSERT_FALSE(totem->issue(validCpf(1000 + i), consulta).ticket.code.isEmpty());
    EventRecorder behind(server.url(), deskToken, 2);
    ASSERT_TRUE(spinUntil([&] { return !behind.snapshots.isEmpty(); }, 10000));
    EXPECT_EQ(behind.snapshots.first().seq, 1005);
    EXPECT_EQ(behind.snapshots.first().openTickets.size(), 1005);
    EXPECT_TRUE(behind.events.isEmpty());

    EventRecorder close(server.url(), deskToken, 1000); // within reach: the backlog, no snapshot
    ASSERT_TRUE(close.waitForEvents(5));
    EXPECT_TRUE(close.snapshots.isEmpty());
    EXPECT_EQ(close.seqs(), (QList<qint64> { 1001, 1002, 1003, 1004, 1005 }));
}

TEST_F(EventStream, TokensAndRolesAreChecked)
{
    for (const QString &token : { QString(), u"not-a-token"_s, totemToken }) {
        QWebSocket ws;
        QNetworkRequest req(EventStreamClient::eventsUrl(server.url(), -1));
        if (!token.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        bool closed = false;
        QObject::connect(&ws, &QWebSocket::disconnected, [&] { closed = true; });
        QStringList frames;
        QObject::connect(&ws, &QWebSocket::textMessageReceived, [&](const QString &m) { frames << m; });
        ws.open(req);
        ASSERT_TRUE(spinUntil([&] { return closed; }, 5000));
        EXPECT_TRUE(frames.isEmpty());
        EXPECT_EQ(int(ws.closeCode()), token == totemToken ? 4403 : 4401);
    }
    EXPECT_EQ(totem->get(u"/api/v1/tickets"_s)->status, 403);
    EXPECT_EQ(ApiClient(server.url(), {}).get(u"/api/v1/services"_s)->status, 401);
    EXPECT_EQ(ApiClient(server.url(), u"wrong"_s).get(u"/api/v1/services"_s)->status, 401);
}

TEST_F(EventStream, NoEventEverCarriesTheCpf)
{
    EventRecorder sub(server.url(), deskToken);
    ASSERT_TRUE(sub.waitConnected());
    const QString cpf = validCpf(77);
    const auto t = totem->issue(cpf, consulta).ticket;
    expectOk(desk->post(u"/api/v1/counters/%1/call-next"_s.arg(room3)));
    expectOk(desk->post(u"/api/v1/tickets/%1/recall"_s.arg(t.id)));
    expectOk(desk->post(u"/api/v1/tickets/%1/no-show"_s.arg(t.id)));
    ASSERT_TRUE(sub.waitForEvents(4));
    for (const Event &e : sub.events) {
        const QByteArray wire = QJsonDocument(e.toJson()).toJson();
        EXPECT_FALSE(wire.contains(cpf.toLatin1())) << wire.constData();
        EXPECT_FALSE(wire.contains(cpf.left(9).toLatin1())) << wire.constData();
        EXPECT_FALSE(wire.toLower().contains("cpf")) << wire.constData();
    }
}

TEST_F(EventStream, ATvIsSentCallOutsSettingsAndResetsOnly)
{
    EventRecorder tv(server.url(), tvToken);
    ASSERT_TRUE(tv.waitConnected());
    ASSERT_TRUE(spinUntil([&] { return !tv.snapshots.isEmpty(); }, 5000));
    totem->issue(validCpf(1), consulta, PriorityClass::Priority80);
    const auto second = totem->issue(validCpf(2), consulta).ticket;
    expectOk(desk->post(u"/api/v1/counters/%1/call-next"_s.arg(room3))); // seq 3
    expectOk(desk->post(u"/api/v1/tickets/%1/cancel"_s.arg(second.id))); // seq 4: not for a TV
    expectOk(desk->post(u"/api/v1/counters/%1/call-next"_s.arg(room5))); // nobody left: no event
    ASSERT_TRUE(tv.waitForEvents(1));
    spinUntil([] { return false; }, 300);
    ASSERT_EQ(tv.events.size(), 1);
    EXPECT_EQ(tv.events.first().kind, EventKind::TicketCalled);
    ASSERT_FALSE(tv.hellos.isEmpty());
    EXPECT_TRUE(tv.hellos.first().filtered); // the TV is told its seq numbers have gaps
    EXPECT_EQ(tv.events.first().seq, 3);

    // A TV that reconnects catches up the same way, and its snapshot lists no waiting tickets.
    totem->issue(validCpf(3), consulta);
    EventRecorder later(server.url(), tvToken, 1);
    ASSERT_TRUE(later.waitForEvents(1));
    spinUntil([] { return false; }, 300);
    EXPECT_EQ(later.seqs(), (QList<qint64> { 3 }));
    EventRecorder fresh(server.url(), tvToken);
    ASSERT_TRUE(spinUntil([&] { return !fresh.snapshots.isEmpty(); }, 5000));
    EXPECT_TRUE(fresh.snapshots.first().openTickets.isEmpty());
    EXPECT_EQ(fresh.snapshots.first().recentCalls.size(), 1);
}

// A backlog the server cannot read (here its event log vanishes for a moment, as a disk fault
// or a botched maintenance would make it) used to be sent as no backlog at all: the subscriber
// took silence for "nothing happened" and never saw what it had missed. Now the stream is
// closed (1011), the client reconnects with its last seq, and gets every event once the log
// can be read again.
TEST_F(EventStream, AnUnreadableBacklogClosesTheStreamAndTheClientResumesLater)
{
    EventRecorder sub(server.url(), deskToken);
    qint64 seen = 0;
    ASSERT_NO_FATAL_FAILURE(seen = seeOneEventThenLeave(sub));
    totem->issue(validCpf(2), consulta);
    totem->issue(validCpf(3), consulta);

    {
        QSqlDatabase db = test::connectionToTestDatabase(server.dataDir(), u"vandal"_s);
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        ASSERT_TRUE(q.exec(u"ALTER TABLE events RENAME TO events_away"_s))
            << q.lastError().text().toStdString();
        sub.events.clear();
        sub.client().start(seen);
        ASSERT_TRUE(spinUntil([&] { return !sub.hellos.isEmpty(); }, 5000));
        spinUntil([] { return false; }, 500);
        EXPECT_TRUE(sub.events.isEmpty());
        ASSERT_TRUE(q.exec(u"ALTER TABLE events_away RENAME TO events"_s));
    }
    QSqlDatabase::removeDatabase(u"vandal"_s);
    ASSERT_TRUE(sub.waitForEvents(2, 15000)) << "the client came back and caught up";
    EXPECT_EQ(sub.seqs(), (QList<qint64> { seen + 1, seen + 2 }));
}

// A subscriber that stops reading (a frozen TV, a phone asleep mid-stream) used to keep every
// event in the server's memory. Past 1 MiB unsent it is cut off; a subscriber that reads is
// not affected and gets every event.
TEST_F(EventStream, ASubscriberThatNeverReadsIsCutOffAndTheOthersGetEverything)
{
    auto stuck = RawConnection::open(server.port(), "127.0.0.1", 4096);
    ASSERT_TRUE(stuck);
    ASSERT_TRUE(stuck->send("GET /api/v1/events?since=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                            "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer "
        + deskToken.toLatin1() + "\r\n\r\n"));
    // It still sends a heartbeat (an unsolicited pong, masked as a client's frames are), so it
    // is the 1 MiB bound that cuts it off, not the drop of a subscriber silent for 45 s, however
    // slowly a loaded machine issues.
    QTimer heartbeat;
    QObject::connect(&heartbeat, &QTimer::timeout,
        [&] { stuck->send(QByteArray::fromHex("8a80") + QByteArray::fromHex("01020304")); });
    heartbeat.start(5000);
    EventRecorder reader(server.url(), deskToken);
    ASSERT_TRUE(reader.waitConnected());

    // The totems issue from other threads; this one keeps reading the healthy stream.
    constexpr int kTickets = 6000; // about 2 MiB of events
    IssueLoad load(server.url(), totemToken, { consulta }, 4);
    auto issuing = std::async(std::launch::async, [&] { return load.run(kTickets); });
    // A bound for a loaded machine, not a speed: PostgreSQL over TCP issues more slowly.
    ASSERT_TRUE(reader.waitForEvents(kTickets, 240000)) << reader.events.size();
    ASSERT_EQ(issuing.get().created, kTickets);
    heartbeat.stop();
    EXPECT_TRUE(reader.snapshots.size() <= 1) << "the reader was never cut off and never had to start over";
    EXPECT_TRUE(stuck->waitClosed(10000)) << "the subscriber that never read is still connected";
    EXPECT_TRUE(server.log().contains(u"stopped reading"_s));
}
