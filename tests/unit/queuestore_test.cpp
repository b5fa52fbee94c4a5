// SPDX-License-Identifier: GPL-3.0-or-later
// The server's store on a real SQLite file, with a clock the test drives.
#include "reset/dailyreset.h"
#include "storage/queuestore.h"
#include "support/testclients.h"
#include "support/teststore.h"

#include <QTemporaryDir>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::server;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

QDateTime saoPaulo(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), QTimeZone("America/Sao_Paulo")).toUTC();
}

class QueueStoreTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(test::openTestStore(store, dir.path()).ok());
        store.work().onEventCommitted = [this](const Event &e) { published << e; };
        ASSERT_TRUE(reset.ensureCurrent().ok());
        consulta = store.catalog().addService(u"C"_s, u"Consulta"_s)->id;
        exames = store.catalog().addService(u"E"_s, u"Exames"_s)->id;
        room3 = store.catalog().addCounter(u"Consultório 3"_s, { consulta })->id;
        room5 = store.catalog().addCounter(u"Consultório 5"_s, { consulta })->id;
        totem = *store.devices().addDevice(u"Totem"_s, Role::Totem, "h1");
        other = *store.devices().addDevice(u"Totem 2"_s, Role::Totem, "h2");
    }

    IssueOutcome issue(
        int seed, PriorityClass p = PriorityClass::Normal, qint64 service = 0, const QString &key = {})
    {
        IssueTicketRequest r;
        r.cpf = test::validCpf(seed);
        r.serviceId = service ? service : consulta;
        r.priority = p;
        r.idempotencyKey = key.isEmpty() ? u"key-%1"_s.arg(++keys) : key;
        auto out = store.issuing().issue(r, *Cpf::parse(r.cpf), Actor { totem.id, u"totem"_s });
        EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().message.toStdString());
        return out.ok() ? *out : IssueOutcome {};
    }

    QTemporaryDir dir;
    ManualClock clock { saoPaulo(23, 8) };
    QueueStore store { clock, BusinessDay() };
    DailyReset reset { store, clock };
    QList<Event> published;
    qint64 consulta = 0, exames = 0, room3 = 0, room5 = 0;
    DeviceRecord totem, other;
    int keys = 0;
    Actor desk { 0, u"desk"_s };
};

} // namespace

TEST_F(QueueStoreTest, NumbersPerServiceAndClassFromOne)
{
    EXPECT_EQ(issue(1).response.ticket.code, u"CN001"_s);
    EXPECT_EQ(issue(2).response.ticket.code, u"CN002"_s);
    EXPECT_EQ(issue(3, PriorityClass::Priority).response.ticket.code, u"CP001"_s);
    EXPECT_EQ(issue(4, PriorityClass::Priority80).response.ticket.code, u"CS001"_s);
    EXPECT_EQ(issue(5, PriorityClass::Normal, exames).response.ticket.code, u"EN001"_s);
}

TEST_F(QueueStoreTest, SameKeyReturnsTheSameTicketAndADifferentBodyIsAConflict)
{
    const auto first = issue(1, PriorityClass::Normal, 0, u"same-key-1"_s);
    const auto again = issue(1, PriorityClass::Normal, 0, u"same-key-1"_s);
    EXPECT_TRUE(first.created);
    EXPECT_FALSE(again.created);
    EXPECT_EQ(first.response.ticket.id, again.response.ticket.id);
    EXPECT_EQ(first.response.statusToken, again.response.statusToken);

    IssueTicketRequest r;
    r.cpf = test::validCpf(2);
    r.serviceId = consulta;
    r.idempotencyKey = u"same-key-1"_s;
    auto conflict = store.issuing().issue(r, *Cpf::parse(r.cpf), Actor { totem.id, u"totem"_s });
    ASSERT_FALSE(conflict.ok());
    EXPECT_EQ(conflict.error().code, u"idempotency_conflict"_s);
    EXPECT_EQ(store.tickets().ticketsIssuedTotal(), 1);
}

TEST_F(QueueStoreTest, SamePatientAgainWithinMinutesGetsTheSameTicketToReprint)
{
    const auto first = issue(7);
    clock.advanceMs(3 * 60000);
    const auto again = issue(7);
    EXPECT_EQ(again.response.ticket.id, first.response.ticket.id);
    EXPECT_TRUE(again.response.reissued);
    clock.advanceMs(11 * 60000);
    EXPECT_NE(issue(7).response.ticket.id, first.response.ticket.id); // much later: a new visit
}

TEST_F(QueueStoreTest, EveryChangeAppendsOneEventInOrder)
{
    issue(1);
    const auto t = issue(2, PriorityClass::Priority).response.ticket;
    auto call = store.calling().callNext(room3, desk);
    ASSERT_TRUE(call.ok());
    EXPECT_EQ(call->ticket->id, t.id); // priority first
    ASSERT_TRUE(store.calling().recall(t.id, desk).ok());
    ASSERT_TRUE(store.calling().act(t.id, TicketAction::Start, desk).ok());
    ASSERT_TRUE(store.calling().act(t.id, TicketAction::Finish, desk).ok());
    QStringList kinds;
    for (int i = 0; i < published.size(); ++i) {
        EXPECT_EQ(published[i].seq, i + 1);
        kinds << published[i].kind;
    }
    EXPECT_EQ(kinds,
        (QStringList { EventKind::TicketIssued, EventKind::TicketIssued, EventKind::TicketCalled,
            EventKind::TicketCalled, EventKind::TicketUpdated, EventKind::TicketUpdated }));
    EXPECT_TRUE(published[3].data.value(u"recall"_s).toBool());
    EXPECT_EQ(store.events().eventsAfter(2, 100)->size(), 4);
}

TEST_F(QueueStoreTest, TwoCountersNeverGetTheSameTicket)
{
    issue(1);
    issue(2);
    auto a = store.calling().callNext(room3, desk);
    auto b = store.calling().callNext(room5, desk);
    auto c = store.calling().callNext(room3, desk);
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
    EXPECT_NE(a->ticket->id, b->ticket->id);
    EXPECT_FALSE(c->ticket.has_value());
    EXPECT_EQ(c->reason, u"none_waiting"_s);
}

// The desk that lost a patient: a ticket in service at a counter stayed in_service for ever once
// the desk called the next one. Calling the next finishes what the counter held, in the same
// transaction, and says so; another counter's patient is not touched.
TEST_F(QueueStoreTest, CallingTheNextFinishesTheTicketTheCounterHeld)
{
    issue(1);
    issue(2);
    issue(3);
    const auto first = store.calling().callNext(room3, desk)->ticket;
    ASSERT_TRUE(store.calling().act(first->id, TicketAction::Start, desk).ok());
    const auto elsewhere = store.calling().callNext(room5, desk)->ticket;

    const auto second = store.calling().callNext(room3, desk);
    ASSERT_TRUE(second.ok());
    ASSERT_EQ(second->finishedBefore.size(), 1);
    EXPECT_EQ(second->finishedBefore.first().id, first->id);
    EXPECT_EQ(store.tickets().ticket(first->id)->status, TicketStatus::Done);
    EXPECT_EQ(store.tickets().ticket(elsewhere->id)->status, TicketStatus::Called)
        << "room 5's patient is room 5's";
    EXPECT_EQ(published.at(published.size() - 2).kind, EventKind::TicketUpdated);
    EXPECT_EQ(published.last().kind, EventKind::TicketCalled);

    // Calling out of order does the same; with nobody left, calling finishes and calls no one.
    const auto urgent
        = store.calling().callSpecific(issue(4).response.ticket.id, room3, u"Exame urgente"_s, desk);
    ASSERT_TRUE(urgent.ok());
    EXPECT_EQ(store.tickets().ticket(second->ticket->id)->status, TicketStatus::Done);
    const auto none = store.calling().callNext(room3, desk);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->ticket);
    ASSERT_EQ(none->finishedBefore.size(), 1);
    EXPECT_EQ(none->finishedBefore.first().id, urgent->id);
    for (const Ticket &t : store.tickets().list())
        EXPECT_FALSE(t.counterId == room3 && TicketStatus::isOpen(t.status)) << t.code.toStdString();
}

TEST_F(QueueStoreTest, InterleaveCountsPriorityCallsAcrossCountersOfTheSameServices)
{
    issue(1); // CN001
    for (int i = 0; i < 4; ++i)
        issue(10 + i, PriorityClass::Priority);
    QStringList order;
    for (int i = 0; i < 5; ++i)
        order << store.calling().callNext(i % 2 ? room5 : room3, desk)->ticket->code;
    EXPECT_EQ(order, (QStringList { u"CP001"_s, u"CP002"_s, u"CN001"_s, u"CP003"_s, u"CP004"_s }));
}

TEST_F(QueueStoreTest, InvalidTransitionsAreRefusedAndChangeNothing)
{
    const auto t = issue(1).response.ticket;
    const qint64 before = store.events().lastSeq();
    for (TicketAction a : { TicketAction::NoShow, TicketAction::Start, TicketAction::Finish }) {
        auto r = store.calling().act(t.id, a, desk);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, u"invalid_transition"_s);
        EXPECT_EQ(r.error().httpStatus, 409);
    }
    EXPECT_EQ(store.calling().recall(t.id, desk).error().code, u"invalid_transition"_s);
    EXPECT_EQ(store.calling().callSpecific(t.id, room3, u"  "_s, desk).error().code, u"invalid_field"_s);
    EXPECT_EQ(store.events().lastSeq(), before);
    EXPECT_EQ(store.tickets().ticket(t.id)->status, TicketStatus::Waiting);
}

TEST_F(QueueStoreTest, OutOfOrderCallIsRecordedWithItsReason)
{
    issue(1);
    const auto later = issue(2).response.ticket;
    auto r = store.calling().callSpecific(later.id, room3, u"Exame urgente"_s, desk);
    ASSERT_TRUE(r.ok());
    QSqlQuery q(store.database().connection().db());
    q.exec(u"SELECT kind, reason FROM calls"_s);
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), u"specific"_s);
    EXPECT_EQ(q.value(1).toString(), u"Exame urgente"_s);
}

TEST_F(QueueStoreTest, RedirectKeepsArrivalTimeAndCode)
{
    const auto early = issue(1).response.ticket;
    clock.advanceMs(30 * 60000);
    issue(2, PriorityClass::Normal, exames); // arrives later, straight to exams
    ASSERT_TRUE(store.calling().callNext(room3, desk).ok());
    auto moved = store.calling().redirect(early.id, exames, desk);
    ASSERT_TRUE(moved.ok());
    EXPECT_EQ(moved->code, early.code);
    EXPECT_EQ(moved->arrivedAtMs, early.arrivedAtMs);
    EXPECT_EQ(moved->status, TicketStatus::Waiting);
    const qint64 lab = store.catalog().addCounter(u"Coleta"_s, { exames })->id;
    EXPECT_EQ(store.calling().callNext(lab, desk)->ticket->id, early.id); // it keeps its place
}

TEST_F(QueueStoreTest, DailyResetExpiresOpenTicketsAndRestartsNumbering)
{
    issue(1);
    const auto called = issue(2).response.ticket;
    ASSERT_TRUE(store.calling().callNext(room3, desk).ok());
    clock.set(saoPaulo(23, 23, 59));
    ASSERT_TRUE(reset.ensureCurrent().ok());
    EXPECT_EQ(store.tickets().list().size(), 2); // still today

    clock.set(saoPaulo(24, 0, 1));
    ASSERT_TRUE(reset.ensureCurrent().ok());
    EXPECT_EQ(store.tickets().currentDay(), u"2026-11-24"_s);
    EXPECT_TRUE(store.tickets().list().isEmpty());
    EXPECT_EQ(store.tickets().ticket(called.id)->status, TicketStatus::Expired);
    EXPECT_EQ(published.last().kind, EventKind::DayReset);
    EXPECT_EQ(published.last().data.value(u"expired"_s).toInt(), 2);
    EXPECT_EQ(issue(3).response.ticket.code, u"CN001"_s); // numbering restarts
    EXPECT_EQ(store.tickets().ticketsIssuedTotal(), 3); // history kept
}

TEST_F(QueueStoreTest, LeasedNumbersAreNeverIssuedByTheServerAndFileOfflineTicketsAtTheirTime)
{
    auto lease
        = store.issuing().lease({ consulta, PriorityClass::Normal, 5 }, Actor { totem.id, u"totem"_s });
    ASSERT_TRUE(lease.ok());
    EXPECT_EQ(lease->first, 501); // a range of their own: online codes stay consecutive
    EXPECT_EQ(lease->last, 505);
    clock.set(saoPaulo(23, 8, 30));
    EXPECT_EQ(issue(1).response.ticket.code, u"CN001"_s);

    const qint64 offlineAt = clock.nowMs() - 10 * 60000;
    IssueTicketRequest r;
    r.cpf = test::validCpf(9);
    r.serviceId = consulta;
    r.idempotencyKey = u"offline-0001"_s;
    r.issuedAtMs = offlineAt;
    r.leaseId = lease->id;
    r.number = 502;
    auto filed = store.issuing().issue(r, *Cpf::parse(r.cpf), Actor { totem.id, u"totem"_s });
    ASSERT_TRUE(filed.ok()) << filed.error().message.toStdString();
    EXPECT_EQ(filed->response.ticket.code, u"CN502"_s);
    EXPECT_EQ(filed->response.ticket.arrivedAtMs, offlineAt);
    EXPECT_TRUE(filed->response.ticket.offline);
    // It arrived first, so it is called first.
    EXPECT_EQ(store.calling().callNext(room3, desk)->ticket->code, u"CN502"_s);

    // Another totem cannot use this lease; a number outside it is refused.
    r.idempotencyKey = u"offline-0002"_s;
    r.number = 503;
    EXPECT_EQ(store.issuing().issue(r, *Cpf::parse(r.cpf), Actor { other.id, u"t2"_s }).error().code,
        u"conflict"_s);
    r.number = 506;
    EXPECT_EQ(store.issuing().issue(r, *Cpf::parse(r.cpf), Actor { totem.id, u"t1"_s }).error().code,
        u"conflict"_s);
}

TEST_F(QueueStoreTest, OfflineFilingOfARequestWhoseReplyWasLostAdoptsThePrintedCode)
{
    // The totem's online request was filed, but the reply never came back: the totem printed
    // a leased number instead and later files it with the same idempotency key.
    const Actor device { totem.id, u"totem"_s };
    auto lease = store.issuing().lease({ consulta, PriorityClass::Normal, 5 }, device);
    ASSERT_TRUE(lease.ok());
    IssueTicketRequest r;
    r.cpf = test::validCpf(9);
    r.serviceId = consulta;
    r.idempotencyKey = u"lost-reply-1"_s;
    auto online = store.issuing().issue(r, *Cpf::parse(r.cpf), device);
    ASSERT_TRUE(online.ok());
    EXPECT_EQ(online->response.ticket.code, u"CN001"_s);

    r.issuedAtMs = clock.nowMs();
    r.leaseId = lease->id;
    r.number = 501;
    auto filed = store.issuing().issue(r, *Cpf::parse(r.cpf), device);
    ASSERT_TRUE(filed.ok()) << filed.error().message.toStdString();
    EXPECT_FALSE(filed->created);
    EXPECT_EQ(filed->response.ticket.id, online->response.ticket.id);
    EXPECT_EQ(filed->response.ticket.code, u"CN501"_s); // the code on the patient's paper
    EXPECT_EQ(store.tickets().list().size(), 1);
    EXPECT_EQ(published.last().kind, EventKind::TicketUpdated);

    // Filing it again is a plain retry; another patient's body under that key is still refused.
    EXPECT_EQ(store.issuing().issue(r, *Cpf::parse(r.cpf), device)->response.ticket.code, u"CN501"_s);
    r.cpf = test::validCpf(10);
    EXPECT_EQ(store.issuing().issue(r, *Cpf::parse(r.cpf), device).error().code, u"idempotency_conflict"_s);
}

TEST_F(QueueStoreTest, OnlineNumberingThatReachesTheLeasedRangeSkipsIt)
{
    const Actor device { totem.id, u"totem"_s };
    auto lease = store.issuing().lease({ consulta, PriorityClass::Normal, 5 }, device);
    ASSERT_TRUE(lease.ok());
    for (int i = 1; i <= 500; ++i)
        ASSERT_TRUE(store.issuing()
                        .issue(IssueTicketRequest { test::validCpf(1000 + i), consulta, PriorityClass::Normal,
                                   u"busy-day-%1"_s.arg(i), {}, {}, {}, {} },
                            *Cpf::parse(test::validCpf(1000 + i)), desk)
                        .ok());
    EXPECT_EQ(issue(1).response.ticket.code, u"CN506"_s);
    auto next = store.issuing().lease({ consulta, PriorityClass::Normal, 5 }, device);
    EXPECT_EQ(next->first, 507);
}

TEST_F(QueueStoreTest, APrintTimeIsAcceptedOnlyWithinItsLeaseAndDayAndNeverAheadOfTheClock)
{
    const Actor device { totem.id, u"totem"_s };
    clock.set(saoPaulo(23, 10));
    auto lease = store.issuing().lease({ consulta, PriorityClass::Normal, 20 }, device);
    ASSERT_TRUE(lease.ok());
    clock.set(saoPaulo(23, 12));
    const qint64 now = clock.nowMs();
    enum class Paper { None, Leased, Tagged };
    struct Case
    {
        const char *what;
        Paper paper;
        qint64 printedAtMs;
        bool accepted;
    };
    const qint64 minute = 60000;
    const Case cases[] = {
        { "an online request an hour in the past", Paper::None, now - 60 * minute, false },
        { "a leased number two hours before its lease", Paper::Leased, saoPaulo(23, 8).toMSecsSinceEpoch(),
            false },
        { "a leased number in 1970", Paper::Leased, 1, false },
        { "a leased number ten minutes ahead", Paper::Leased, now + 10 * minute, false },
        { "a leased number an hour ago, after its lease", Paper::Leased, now - 60 * minute, true },
        { "a leased number a minute before its lease (clock skew)", Paper::Leased,
            saoPaulo(23, 10).toMSecsSinceEpoch() - minute, true },
        { "a leased number a minute ahead (clock skew)", Paper::Leased, now + minute, true },
        { "a tagged code an hour ago", Paper::Tagged, now - 60 * minute, true },
        { "a tagged code in 1970", Paper::Tagged, 1, false },
        { "a tagged code from yesterday (filed expired)", Paper::Tagged, saoPaulo(22, 18).toMSecsSinceEpoch(),
            true },
        { "a tagged code from the day before yesterday", Paper::Tagged, saoPaulo(21, 18).toMSecsSinceEpoch(),
            false },
        { "a tagged code half an hour ahead", Paper::Tagged, now + 30 * minute, false },
    };
    int n = 0;
    for (const Case &c : cases) {
        ++n;
        IssueTicketRequest r;
        r.cpf = test::validCpf(300 + n);
        r.serviceId = consulta;
        r.idempotencyKey = u"print-time-%1"_s.arg(n);
        r.issuedAtMs = c.printedAtMs;
        if (c.paper == Paper::Leased) {
            r.leaseId = lease->id;
            r.number = lease->first + n;
        } else if (c.paper == Paper::Tagged) {
            r.offlineCode = u"CN-T1-%1"_s.arg(n, 3, 10, QChar(u'0'));
        }
        auto filed = store.issuing().issue(r, *Cpf::parse(r.cpf), device);
        if (!c.accepted) {
            EXPECT_FALSE(filed.ok()) << c.what << " was filed";
            if (filed.ok())
                continue;
            EXPECT_EQ(filed.error().httpStatus, 400) << c.what;
            EXPECT_TRUE(filed.error().message.startsWith(u"Campo 'issuedAtMs'"_s))
                << c.what << ": " << filed.error().message.toStdString();
            continue;
        }
        ASSERT_TRUE(filed.ok()) << c.what << ": " << filed.error().message.toStdString();
        const bool endedDay = c.printedAtMs < saoPaulo(23, 0).toMSecsSinceEpoch();
        EXPECT_EQ(filed->response.ticket.status, endedDay ? TicketStatus::Expired : TicketStatus::Waiting)
            << c.what;
        EXPECT_EQ(filed->response.ticket.arrivedAtMs, std::min(c.printedAtMs, now)) << c.what;
    }
}

TEST_F(QueueStoreTest, OfflineTicketFromAnEndedDayIsFiledExpired)
{
    auto lease
        = store.issuing().lease({ consulta, PriorityClass::Normal, 5 }, Actor { totem.id, u"totem"_s });
    clock.set(saoPaulo(24, 9));
    ASSERT_TRUE(reset.ensureCurrent().ok());
    IssueTicketRequest r;
    r.cpf = test::validCpf(9);
    r.serviceId = consulta;
    r.idempotencyKey = u"offline-0003"_s;
    r.issuedAtMs = saoPaulo(23, 18).toMSecsSinceEpoch();
    r.leaseId = lease->id;
    r.number = lease->first;
    auto filed = store.issuing().issue(r, *Cpf::parse(r.cpf), Actor { totem.id, u"totem"_s });
    ASSERT_TRUE(filed.ok()) << filed.error().message.toStdString();
    EXPECT_EQ(filed->response.ticket.status, TicketStatus::Expired);
    EXPECT_TRUE(store.tickets().list().isEmpty());
}

TEST_F(QueueStoreTest, SnapshotHasOpenTicketsAndRecentCallsButNoPersonalData)
{
    issue(1);
    issue(2);
    ASSERT_TRUE(store.calling().callNext(room3, desk).ok());
    const Snapshot s = store.snapshot(QueueStore::SnapshotAudience::WithOpenTickets);
    EXPECT_EQ(s.seq, store.events().lastSeq());
    EXPECT_EQ(s.openTickets.size(), 2);
    ASSERT_EQ(s.recentCalls.size(), 1);
    EXPECT_EQ(s.recentCalls.first().counterName, u"Consultório 3"_s);
    const QByteArray wire = QJsonDocument(s.toJson()).toJson();
    EXPECT_FALSE(wire.contains(test::validCpf(1).toLatin1()));
    EXPECT_FALSE(wire.contains("cpf"));
}

TEST_F(QueueStoreTest, ATvsSnapshotHasTheRecentCallsAndNoTicketList)
{
    issue(1);
    issue(2);
    ASSERT_TRUE(store.calling().callNext(room3, desk).ok());
    const Snapshot s = store.snapshot(QueueStore::SnapshotAudience::CallsOnly);
    EXPECT_EQ(s.seq, store.events().lastSeq());
    EXPECT_TRUE(s.openTickets.isEmpty());
    ASSERT_EQ(s.recentCalls.size(), 1);
    EXPECT_EQ(s.recentCalls.first().counterName, u"Consultório 3"_s);
}

TEST_F(QueueStoreTest, DisplayNameOnlyWhenTheClinicOptsIn)
{
    const auto t = issue(1).response.ticket;
    ASSERT_TRUE(
        store.patients().setPatient(*Cpf::parse(test::validCpf(1)), u"Maria da Silva Souza"_s, {}).ok());
    ASSERT_TRUE(store.calling().callNext(room3, desk).ok());
    EXPECT_FALSE(published.last().data.contains(u"displayName"_s));
    DisplaySettings settings = store.catalog().displaySettings();
    settings.showNames = true;
    ASSERT_TRUE(store.catalog().setDisplaySettings(settings).ok());
    ASSERT_TRUE(store.calling().recall(t.id, desk).ok());
    EXPECT_EQ(published.last().data.value(u"displayName"_s).toString(), u"Maria S."_s);
}

TEST_F(QueueStoreTest, GroupCommitIsolatesEachRequest)
{
    auto command = [&](int seed, qint64 service, const QString &key) {
        IssueTicketRequest r;
        r.cpf = test::validCpf(seed);
        r.serviceId = service;
        r.idempotencyKey = key;
        return IssueStore::IssueCommand { r, *Cpf::parse(r.cpf), Actor { totem.id, u"totem"_s } };
    };
    const auto results = store.issuing().issueBatch(
        { command(1, consulta, u"batch-0001"_s), command(2, 999, u"batch-0002"_s),
            command(3, consulta, u"batch-0003"_s), command(3, consulta, u"batch-0003"_s) });
    ASSERT_EQ(results.size(), 4);
    EXPECT_TRUE(results[0].ok());
    EXPECT_EQ(results[1].error().code, u"not_found"_s); // a bad one in the middle...
    EXPECT_EQ(results[2]->response.ticket.code, u"CN002"_s); // ...changes nothing for the others
    EXPECT_FALSE(results[3]->created); // a retry inside the same batch
    EXPECT_EQ(results[3]->response.ticket.id, results[2]->response.ticket.id);
    EXPECT_EQ(store.tickets().ticketsIssuedTotal(), 2);
    EXPECT_EQ(published.size(), 2); // one event per ticket, published after the commit
}

TEST_F(QueueStoreTest, ACommitThatFailsPublishesNoEventNowOrWithTheNextOperation)
{
    // Every event now violates a deferred foreign key: each statement succeeds, COMMIT fails.
    QSqlQuery sabotage(store.database().connection().db());
    ASSERT_TRUE(sabotage.exec(u"CREATE TABLE sabotage(service_id INTEGER REFERENCES services(id)"
                              " DEFERRABLE INITIALLY DEFERRED)"_s));
    const QStringList trigger = test::testsRunOnPostgres()
        ? QStringList { u"CREATE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS"
                        " $$ BEGIN INSERT INTO sabotage VALUES(-1); RETURN NEW; END $$"_s,
              u"CREATE TRIGGER sabotage_events AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION sabotage()"_s }
        : QStringList { u"CREATE TRIGGER sabotage_events AFTER INSERT ON events"
                        " BEGIN INSERT INTO sabotage VALUES(-1); END"_s };
    for (const QString &sql : trigger)
        ASSERT_TRUE(sabotage.exec(sql)) << sabotage.lastError().text().toStdString();
    published.clear();

    DisplaySettings settings = store.catalog().displaySettings();
    settings.clinicName = u"Clínica que não gravou"_s;
    EXPECT_FALSE(store.catalog().setDisplaySettings(settings).ok());
    clock.set(saoPaulo(24, 9));
    EXPECT_FALSE(reset.ensureCurrent().ok());
    IssueTicketRequest r;
    r.cpf = test::validCpf(1);
    r.serviceId = consulta;
    r.idempotencyKey = u"lost-with-the-commit"_s;
    const auto batch
        = store.issuing().issueBatch({ { r, *Cpf::parse(r.cpf), Actor { totem.id, u"totem"_s } } });
    ASSERT_EQ(batch.size(), 1);
    ASSERT_FALSE(batch[0].ok()); // nothing is reported as issued before the commit is on disk
    EXPECT_EQ(batch[0].error().code, u"storage_error"_s);
    EXPECT_TRUE(published.isEmpty());
    EXPECT_NE(store.catalog().displaySettings().clinicName, settings.clinicName); // rolled back
    EXPECT_EQ(store.tickets().currentDay(), u"2026-11-23"_s);
    EXPECT_EQ(store.tickets().ticketsIssuedTotal(), 0);

    ASSERT_TRUE(sabotage.exec(
        u"DROP TRIGGER sabotage_events"_s + (test::testsRunOnPostgres() ? u" ON events"_s : QString())));
    ASSERT_TRUE(reset.ensureCurrent().ok());
    issue(1);
    ASSERT_EQ(published.size(), 2);
    EXPECT_EQ(published[0].kind, EventKind::DayReset);
    EXPECT_EQ(published[1].kind, EventKind::TicketIssued);
    EXPECT_EQ(published[1].data.value(u"code"_s).toString(), u"CN001"_s); // the lost ticket's number is free
    const QList<Event> stored = *store.events().eventsAfter(published[0].seq - 1, 10);
    ASSERT_EQ(stored.size(), 2); // what was published is exactly what the log holds
    EXPECT_EQ(stored[0].seq, published[0].seq);
    EXPECT_EQ(stored[1].seq, published[1].seq);
}

TEST_F(QueueStoreTest, AWriteInsideATransactionOpenedOutsideTheUnitOfWorkIsRefusedAndNeverPublished)
{
    published.clear();
    {
        // Before the unit of work, a store write joined any open transaction and kept its event
        // pending: when that transaction rolled back, the next write published the lost change.
        Transaction foreign(store.database().connection());
        ASSERT_TRUE(foreign.isOpen());
        DisplaySettings settings = store.catalog().displaySettings();
        settings.clinicName = u"Clínica que nunca existiu"_s;
        const Status s = store.catalog().setDisplaySettings(settings);
        EXPECT_EQ(s.ok() ? QString() : s.error().code, u"storage_error"_s); // refused
    } // rolled back
    issue(1);
    ASSERT_EQ(published.size(), 1);
    EXPECT_EQ(published[0].kind, EventKind::TicketIssued);
    EXPECT_NE(store.catalog().displaySettings().clinicName, u"Clínica que nunca existiu"_s);
}

// Past WaitEstimator::kReplayLimit waiting, who is ahead is counted by class and arrival in SQL
// instead of replaying the calling policy (so issuing never reads the whole queue); on a plain
// queue both give the same answer. A ticket filed late with an earlier arrival (paper printed
// offline) goes before those who came after it.
TEST_F(QueueStoreTest, ALongQueueCountsWhoIsAheadByClassAndArrival)
{
    for (int i = 0; i < WaitEstimator::kReplayLimit; ++i)
        issue(1000 + i);
    clock.advanceMs(60000);
    const auto p = issue(5, PriorityClass::Priority).response.ticket;
    const auto last = issue(6).response.ticket;
    const TicketStore::ClassCounts waiting = store.tickets().waitingByClass(consulta);
    EXPECT_EQ(waiting[rank(PriorityClass::Normal)], WaitEstimator::kReplayLimit + 1);
    EXPECT_EQ(waiting[rank(PriorityClass::Priority)], 1);
    EXPECT_EQ(waiting[rank(PriorityClass::Priority80)], 0);
    EXPECT_EQ(store.estimator().estimate(p).ahead, 0);
    EXPECT_EQ(store.estimator().estimate(last).ahead, WaitEstimator::kReplayLimit + 1);
    EXPECT_EQ(store.tickets().waitingBehindInClass(last), 0);

    Ticket early = last; // as if it had arrived before everyone else of its class
    early.arrivedAtMs = 0;
    EXPECT_EQ(store.tickets().waitingBehindInClass(early), WaitEstimator::kReplayLimit + 1);
    EXPECT_EQ(store.estimator().estimate(early).ahead, 1) << "only the Preferencial ticket";
    // A batch of both, with the stage read once, says the same.
    const QList<QueuePosition> both = store.estimator().estimate(QList<Ticket> { p, last });
    EXPECT_EQ(both[0].ahead, 0);
    EXPECT_EQ(both[1].ahead, WaitEstimator::kReplayLimit + 1);
    EXPECT_GT(both[1].estimatedWaitMinutes, both[0].estimatedWaitMinutes);
}

// The live phone pages work a stage's queue out once for all of them: each waiting ticket gets
// exactly what estimate() gives it alone (interleave, classes, a patient being served).
TEST_F(QueueStoreTest, EveryPositionOfAStageAtOnceIsWhatEachEstimateSays)
{
    QList<Ticket> tickets;
    const PriorityClass classes[] = { PriorityClass::Normal, PriorityClass::Priority, PriorityClass::Normal,
        PriorityClass::Priority80, PriorityClass::Priority, PriorityClass::Normal, PriorityClass::Priority };
    int seed = 300;
    for (PriorityClass c : classes) {
        clock.advanceMs(60000);
        tickets << issue(++seed, c).response.ticket;
    }
    issue(++seed, PriorityClass::Normal, exames); // another stage: not in this one's positions
    ASSERT_TRUE(store.calling().callNext(room3, desk).ok());
    clock.advanceMs(4 * 60000);

    const QHash<qint64, QueuePosition> all = store.estimator().positionsIn(consulta);
    EXPECT_EQ(all.size(), qsizetype(std::size(classes)) - 1) << "every waiting ticket of the stage, no other";
    for (const Ticket &t : std::as_const(tickets)) {
        const Ticket now = *store.tickets().ticket(t.id);
        if (now.status != TicketStatus::Waiting) {
            EXPECT_FALSE(all.contains(t.id)) << t.code.toStdString();
            continue;
        }
        ASSERT_TRUE(all.contains(t.id)) << t.code.toStdString();
        const QueuePosition alone = store.estimator().estimate(now);
        EXPECT_EQ(all[t.id].ahead, alone.ahead) << t.code.toStdString();
        EXPECT_EQ(all[t.id].estimatedWaitMinutes, alone.estimatedWaitMinutes) << t.code.toStdString();
    }
}

