// SPDX-License-Identifier: GPL-3.0-or-later
// Two clinico-server processes on one database (the engine the tests run on): what one
// instance writes, the other never contradicts; what one clinic (unit) of a network changes or
// calls on one instance reaches the other, and only that unit's subscribers.
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

    // A second clinic on the same database while both instances run: Manaus, with a service
    // "C" and a room of its own, a totem, a TV and a desk.
    struct Clinic
    {
        qint64 unit = 0, service = 0, room = 0;
        QString totem, tv, desk;
    };
    Clinic addManaus()
    {
        Clinic c;
        c.unit = server.addUnit(u"Filial Manaus"_s, u"America/Manaus"_s);
        c.service = server.addService(u"C"_s, u"Consulta"_s, c.unit);
        c.room = server.addCounter(u"Consultório 1"_s, { c.service }, c.unit);
        c.totem = server.addDevice(u"totem"_s, u"Totem Manaus"_s, c.unit);
        c.tv = server.addDevice(u"tv"_s, u"TV Manaus"_s, c.unit);
        c.desk = server.addDevice(u"desk"_s, u"Mesa Manaus"_s, c.unit);
        EXPECT_EQ(c.unit, 2);
        EXPECT_GT(c.room, 0);
        return c;
    }
    // A network administrator (a user of no unit) signed in through the first instance; the
    // session is good on either.
    StaffConsole networkAdmin()
    {
        EXPECT_TRUE(server.addUser(u"rede"_s, "senha-de-teste-1", { u"--network-admin"_s }));
        const StaffConsole c = StaffConsole::signIn(server.url(), u"rede"_s, u"senha-de-teste-1"_s);
        EXPECT_FALSE(c.cookie.isEmpty());
        return c;
    }
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

TEST_F(TwoInstances, AUnitAddedRenamedOrMovedToAnotherTimeZoneOnOneInstanceReachesTheOther)
{
    const Clinic manaus = addManaus();
    ApiClient manausTotemOnSecond(second.url(), manaus.totem);
    auto timeZoneOnSecond = [&] {
        return manausTotemOnSecond.get(u"/api/v1/services"_s)
            ->json()[u"calendar"_s][u"timeZone"_s]
            .toString();
    };
    ASSERT_EQ(timeZoneOnSecond(), u"America/Manaus"_s); // the second instance knows Manaus now
    const auto admin = networkAdmin();

    // Through the first instance: Manaus's clinic moves to Rio Branco's time, and a third unit opens.
    const RawReply changed = admin.send("PUT", u"/api/v1/units/%1"_s.arg(manaus.unit),
        { { u"name"_s, u"Filial Rio Branco"_s }, { u"timeZone"_s, u"America/Rio_Branco"_s } });
    ASSERT_EQ(changed.status, 200) << changed.body.constData();
    const RawReply added = admin.send("POST", u"/api/v1/units"_s,
        { { u"name"_s, u"Filial Belém"_s }, { u"timeZone"_s, u"America/Belem"_s } });
    ASSERT_EQ(added.status, 201) << added.body.constData();

    // The second instance numbers and dates Manaus's tickets by the new time zone...
    EXPECT_TRUE(spinUntil([&] { return timeZoneOnSecond() == u"America/Rio_Branco"_s; }, 5000))
        << timeZoneOnSecond().toStdString();
    // ...names the unit as renamed, and counts the new unit in its metrics.
    const RawReply units = admin.on(second.url()).send("GET", u"/api/v1/units"_s);
    ASSERT_EQ(units.status, 200);
    EXPECT_EQ(units.json[u"units"_s][1][u"name"_s].toString(), u"Filial Rio Branco"_s);
    const QByteArray metrics = ApiClient(second.url(), {}).get(u"/metrics"_s)->body;
    EXPECT_TRUE(metrics.contains("clinico_unit_info{unit=\"2\",name=\"Filial Rio Branco\"} 1\n"))
        << metrics.constData();
    EXPECT_TRUE(metrics.contains("clinico_unit_info{unit=\"3\",name=\"Filial Belém\"} 1\n"));
}

TEST_F(TwoInstances, ASubscriberOfOneUnitHearsItsUnitsCallsMadeOnTheOtherInstanceAndNoOtherUnits)
{
    const Clinic manaus = addManaus();
    ApiClient manausTotem(server.url(), manaus.totem);
    ApiClient manausDesk(server.url(), manaus.desk);
    ApiClient manausTotemOnSecond(second.url(), manaus.totem);
    ApiClient deskOnSecond(second.url(), deskToken);
    const qint64 since = lastSeq();
    // Manaus's desk and TV listen on the second instance, São Paulo's desk on the first.
    EventRecorder manausDeskOnSecond(second.url(), manaus.desk, since);
    EventRecorder manausTvOnSecond(second.url(), manaus.tv, since);
    EventRecorder saoPauloDeskOnFirst(server.url(), deskToken, since);
    for (EventRecorder *r : { &manausDeskOnSecond, &manausTvOnSecond, &saoPauloDeskOnFirst })
        ASSERT_TRUE(r->waitConnected());

    // Both clinics' work, interleaved, through both instances.
    totem->issue(validCpf(500), consulta);
    const qint64 firstTicket = manausTotem.issue(validCpf(501), manaus.service).ticket.id;
    expectOk(desk->post(u"/api/v1/counters/%1/call-next"_s.arg(room3)));
    expectOk(manausDesk.post(u"/api/v1/counters/%1/call-next"_s.arg(manaus.room)));
    const qint64 secondTicket = manausTotemOnSecond.issue(validCpf(502), manaus.service).ticket.id;
    totem->issue(validCpf(503), consulta);
    expectOk(deskOnSecond.post(u"/api/v1/counters/%1/call-next"_s.arg(room5)));
    expectOk(manausDesk.post(u"/api/v1/counters/%1/call-next"_s.arg(manaus.room)));
    const qint64 last = lastSeq();

    // Between them the two desks hear every seq once; each only its own unit's.
    auto heard = [&] {
        QSet<qint64> all;
        for (EventRecorder *r : { &manausDeskOnSecond, &saoPauloDeskOnFirst })
            for (qint64 seq : r->seqs())
                all << seq;
        return all;
    };
    ASSERT_TRUE(spinUntil([&] { return heard().size() == last - since; }, 10000))
        << heard().size() << " of " << last - since;
    QList<qint64> manausSeqs = manausDeskOnSecond.seqs();
    QList<qint64> sorted = manausSeqs;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(manausSeqs, sorted) << "one sequence, in order";
    EXPECT_EQ(QSet<qint64>(manausSeqs.cbegin(), manausSeqs.cend()).size(), manausSeqs.size())
        << "nothing twice";
    for (const qint64 seq : saoPauloDeskOnFirst.seqs())
        EXPECT_FALSE(manausSeqs.contains(seq)) << "seq " << seq << " went to both units";
    EXPECT_TRUE(manausDeskOnSecond.hellos.first().filtered);
    for (const protocol::Event &e : std::as_const(manausDeskOnSecond.events))
        EXPECT_EQ(e.data.value(u"serviceId"_s).toInteger(), manaus.service) << e.kind.toStdString();
    // 2 issued, 2 called, 1 finished by the second call.
    EXPECT_EQ(manausDeskOnSecond.events.size(), 5);

    // Manaus's TV: Manaus's two calls, the one made through the first instance included.
    ASSERT_TRUE(spinUntil([&] { return manausTvOnSecond.events.size() >= 2; }, 5000));
    QList<qint64> called;
    for (const protocol::Event &e : std::as_const(manausTvOnSecond.events))
        called << e.data.value(u"ticketId"_s).toInteger();
    EXPECT_EQ(called, (QList<qint64> { firstTicket, secondTicket }));
}
