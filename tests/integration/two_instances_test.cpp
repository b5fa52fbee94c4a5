// SPDX-License-Identifier: GPL-3.0-or-later
// Two clinico-server processes on one database (the engine the tests run on): what one
// instance writes, the other never contradicts.
#include "integration/serverfixture.h"
#include "support/websocketload.h"

#include <QSet>

#include <thread>

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {

class TwoInstances : public ServerFixture
{
protected:
    void SetUp() override
    {
        ServerFixture::SetUp();
        if (HasFatalFailure())
            return;
        ASSERT_TRUE(second.start()) << second.log().toStdString();
    }
    // Same data directory, so the same database (support/testdatabase.h).
    ServerProcess second { server.dataDir() };
};

} // namespace

TEST_F(TwoInstances, TwoDesksOnTwoInstancesCallingNextAtTheSameInstantNeverGetTheSameTicket)
{
    QSet<qint64> called;
    for (int round = 0; round < 20; ++round) {
        totem->issue(validCpf(200 + 2 * round), consulta);
        totem->issue(validCpf(201 + 2 * round), consulta);
        qint64 got[2] = { 0, 0 };
        auto callNext = [&](int which, const QUrl &instance, qint64 counter) {
            ApiClient client(instance, deskToken);
            auto r = client.post(u"/api/v1/counters/%1/call-next"_s.arg(counter));
            if (r && r->status == 200 && r->json().value(u"ticket"_s).isObject())
                got[which] = r->json().value(u"ticket"_s).toObject().value(u"id"_s).toInteger();
        };
        std::thread a(callNext, 0, server.url(), room3);
        std::thread b(callNext, 1, second.url(), room5);
        a.join();
        b.join();
        ASSERT_NE(got[0], 0) << "round " << round;
        ASSERT_NE(got[1], 0) << "round " << round;
        EXPECT_NE(got[0], got[1]) << "round " << round;
        called << got[0] << got[1];
    }
    EXPECT_EQ(called.size(), 40); // every ticket called once, none twice
}

TEST_F(TwoInstances, ASubscriberOfOneInstanceHearsWhatTheOtherCommitsInOneSequence)
{
    totem->issue(validCpf(100), consulta);
    totem->issue(validCpf(101), consulta);
    const qint64 since = lastSeq();
    EventRecorder onFirst(server.url(), deskToken, since);
    EventRecorder onSecond(second.url(), deskToken, since);
    ASSERT_TRUE(onFirst.waitConnected());
    ASSERT_TRUE(onSecond.waitConnected());

    ApiClient secondTotem(second.url(), totemToken);
    ApiClient secondDesk(second.url(), deskToken);
    expectOk(desk->post(u"/api/v1/counters/%1/call-next"_s.arg(room3))); // through the first
    secondTotem.issue(validCpf(102), consulta); // through the second
    expectOk(secondDesk.post(u"/api/v1/counters/%1/call-next"_s.arg(room5)));
    totem->issue(validCpf(103), consulta);
    const qint64 last = lastSeq();
    ASSERT_GE(last, since + 4);

    for (EventRecorder *recorder : { &onFirst, &onSecond }) {
        ASSERT_TRUE(spinUntil(
            [&] { return !recorder->events.isEmpty() && recorder->events.last().seq >= last; }, 10000))
            << (recorder == &onFirst ? "first" : "second") << " instance's subscriber";
        QList<qint64> expected;
        for (qint64 seq = since + 1; seq <= last; ++seq)
            expected << seq;
        EXPECT_EQ(recorder->seqs(), expected) << "one sequence, in order, nothing twice";
        QList<qint64> calledCounters;
        for (const protocol::Event &e : std::as_const(recorder->events)) {
            if (e.kind == protocol::EventKind::TicketCalled)
                calledCounters << e.data.value(u"counterId"_s).toInteger();
        }
        EXPECT_EQ(calledCounters, (QList<qint64> { room3, room5 }));
    }
}

TEST_F(TwoInstances, ABacklogThatReadAnEventItsInstanceHadNotBroadcastYetIsNotFollowedByItAgain)
{
    const qint64 since = lastSeq();
    totem->issue(validCpf(400), consulta); // through the first: the second hears of it a moment later
    // (on SQLite by reading the log every second), while this subscriber's backlog has it already.
    // A raw client: EventStreamClient would hide a repeat.
    WebSocketLoad::Options options;
    options.port = second.port();
    options.token = deskToken.toUtf8();
    options.connections = 1;
    options.threads = 1;
    options.since = since;
    options.recordSeqs = true;
    WebSocketLoad onSecond(options);
    ASSERT_TRUE(onSecond.connectAll(std::chrono::seconds(5)));
    // A commit on the second makes it broadcast what it had not yet, then its own.
    ApiClient secondTotem(second.url(), totemToken);
    secondTotem.issue(validCpf(401), consulta);
    const qint64 last = lastSeq();
    onSecond.arm(last);
    ASSERT_TRUE(onSecond.waitAll(std::chrono::seconds(10)));
    onSecond.stop();

    std::vector<qint64> expected;
    for (qint64 seq = since + 1; seq <= last; ++seq)
        expected.push_back(seq);
    EXPECT_EQ(onSecond.receivedSeqs().at(0), expected);
}

TEST_F(TwoInstances, FailedLoginsThroughOneInstanceCountOnTheOther)
{
    const QJsonObject wrong { { u"username"_s, u"ana"_s }, { u"password"_s, u"errada"_s } };
    // Round robin: the guesses alternate between the instances.
    for (int i = 0; i < 5; ++i) {
        const RawReply r
            = sendRaw(i % 2 ? second.url() : server.url(), "POST", u"/api/v1/session"_s, {}, wrong);
        ASSERT_EQ(r.status, 401) << "guess " << i << ": " << r.body.constData();
    }
    // Five in all: the account is locked on both.
    for (const QUrl &instance : { server.url(), second.url() }) {
        const RawReply r = sendRaw(instance, "POST", u"/api/v1/session"_s, {}, wrong);
        EXPECT_EQ(r.status, 429) << instance.toString().toStdString() << ": " << r.body.constData();
        EXPECT_GT(r.headers.value("retry-after").toInt(), 14 * 60);
    }
}

TEST_F(TwoInstances, AnInstanceWithAnotherPatientKeyFileRefusesToStartAndNamesIt)
{
    ServerProcess third { server.dataDir() };
    const QString otherKeys = server.dataDir() + u"/elsewhere/patient.keys"_s;
    third.extraArgs = { u"--patient-key-file"_s, otherKeys };
    EXPECT_FALSE(third.start());
    ASSERT_TRUE(spinUntil([&] { return !third.isRunning(); }, 10000));
    EXPECT_EQ(third.exitCode(), 1);
    EXPECT_TRUE(third.log().contains(
        u"clinico-server: O arquivo de chaves dos pacientes %1 não tem a chave"_s.arg(otherKeys)))
        << third.log().toStdString();
    // The instances with the right key go on.
    expectOk(totem->get(u"/api/v1/services"_s));
    expectOk(ApiClient(second.url(), totemToken).get(u"/api/v1/services"_s));
}
