// SPDX-License-Identifier: GPL-3.0-or-later
#include "integration/serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <QJsonArray>

#include <thread>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {
class ServerApi : public ServerFixture
{
};
} // namespace

TEST_F(ServerApi, IssueCallAndTheTvSeesTheCall)
{
    EventRecorder tv(server.url(), tvToken);
    ASSERT_TRUE(tv.waitConnected());
    const auto issued = totem->issue(validCpf(1), consulta, PriorityClass::Priority80);
    EXPECT_EQ(issued.ticket.code, u"CS001"_s);
    EXPECT_FALSE(issued.statusToken.isEmpty());

    auto call = desk->post(u"/api/v1/counters/%1/call-next"_s.arg(room3));
    ASSERT_TRUE(call.ok());
    ASSERT_EQ(call->status, 200);
    auto result = CallResult::fromJson(call->json());
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->ticket->code, u"CS001"_s);
    EXPECT_EQ(result->reason, u"priority80"_s);
    EXPECT_TRUE(result->explanation.contains(u"13.466"_s));

    ASSERT_TRUE(tv.waitForEvents(1)); // a TV is sent the call, not the issuing
    EXPECT_EQ(tv.events[0].kind, EventKind::TicketCalled);
    auto announcement = CallAnnouncement::fromJson(tv.events[0].data);
    ASSERT_TRUE(announcement.ok());
    EXPECT_EQ(announcement->code, u"CS001"_s);
    EXPECT_EQ(announcement->counterName, u"Consultório 3"_s);
    EXPECT_FALSE(announcement->recall);
}

TEST_F(ServerApi, RetryWithTheSameKeyReturnsTheSameTicket)
{
    IssueTicketRequest req { validCpf(2), consulta, PriorityClass::Normal, u"retry-key-1"_s, {}, {}, {}, {} };
    auto first = totem->post(u"/api/v1/tickets"_s, req.toJson());
    auto second = totem->post(u"/api/v1/tickets"_s, req.toJson());
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(first->status, 201);
    EXPECT_EQ(second->status, 200);
    EXPECT_EQ(first->json().value(u"ticket"_s).toObject().value(u"id"_s),
        second->json().value(u"ticket"_s).toObject().value(u"id"_s));
    EXPECT_EQ(desk->get(u"/api/v1/tickets"_s)->json().value(u"tickets"_s).toArray().size(), 1);
}

TEST_F(ServerApi, RestartKeepsStateAndSequence)
{
    totem->issue(validCpf(1), consulta);
    totem->issue(validCpf(2), consulta);
    expectOk(desk->post(u"/api/v1/counters/%1/call-next"_s.arg(room3)));
    const qint64 before = lastSeq();
    EXPECT_EQ(before, 3);

    server.kill(); // no clean shutdown: durability is what is being tested
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    EXPECT_EQ(lastSeq(), before);
    const auto tickets = desk->get(u"/api/v1/tickets"_s)->json().value(u"tickets"_s).toArray();
    ASSERT_EQ(tickets.size(), 2);
    EXPECT_EQ(tickets[0].toObject().value(u"status"_s).toString(), TicketStatus::Called);
    EXPECT_EQ(totem->issue(validCpf(3), consulta).ticket.code, u"CN003"_s); // numbering continues
    EXPECT_EQ(lastSeq(), before + 1);
}

TEST_F(ServerApi, TwoDesksCallingAtTheSameInstantGetDifferentTickets)
{
    for (int i = 0; i < 20; ++i)
        totem->issue(validCpf(100 + i), consulta);
    QList<qint64> got[2];
    auto deskLoop = [&](int which, qint64 counter, const QString &token) {
        ApiClient client(server.url(), token);
        for (int i = 0; i < 12; ++i) {
            auto r = client.post(u"/api/v1/counters/%1/call-next"_s.arg(counter));
            if (r && r->status == 200 && r->json().value(u"ticket"_s).isObject())
                got[which] << r->json().value(u"ticket"_s).toObject().value(u"id"_s).toInteger();
        }
    };
    std::thread a(deskLoop, 0, room3, deskToken);
    std::thread b(deskLoop, 1, room5, deskToken);
    a.join();
    b.join();
    QSet<qint64> all;
    for (const auto &list : got)
        for (qint64 id : list)
            all.insert(id);
    EXPECT_EQ(got[0].size() + got[1].size(), 20);
    EXPECT_EQ(all.size(), 20); // nobody called twice
}

TEST_F(ServerApi, DeskActionsFollowTheTicketLifeCycle)
{
    const auto t = totem->issue(validCpf(1), consulta).ticket;
    const QString base = u"/api/v1/tickets/%1/"_s.arg(t.id);
    EXPECT_EQ(desk->post(base + u"finish"_s)->status, 409);
    EXPECT_EQ(desk->post(u"/api/v1/counters/%1/call-next"_s.arg(room3))->status, 200);
    EXPECT_EQ(desk->post(base + u"recall"_s)->status, 200);
    EXPECT_EQ(desk->post(base + u"start"_s)->status, 200);
    auto redirected = desk->post(base + u"redirect"_s, { { u"serviceId"_s, exames } });
    ASSERT_EQ(redirected->status, 200);
    EXPECT_EQ(redirected->json().value(u"status"_s).toString(), TicketStatus::Waiting);
    EXPECT_EQ(redirected->json().value(u"code"_s).toString(), t.code);
    EXPECT_EQ(desk->post(base + u"cancel"_s)->status, 200);
    EXPECT_EQ(desk->post(base + u"cancel"_s)->status, 409);
}

TEST_F(ServerApi, HealthAndMetrics)
{
    totem->issue(validCpf(1), consulta);
    auto health = ApiClient(server.url(), {}).get(u"/healthz"_s);
    EXPECT_EQ(health->status, 200);
    EXPECT_EQ(health->json().value(u"status"_s).toString(), u"ok"_s);
    auto metrics = ApiClient(server.url(), {}).get(u"/metrics"_s);
    EXPECT_EQ(metrics->status, 200);
    EXPECT_TRUE(metrics->body.contains("clinico_tickets_issued_total{unit=\"1\"} 1\n"));
    EXPECT_TRUE(metrics->body.contains("clinico_tickets_waiting{unit=\"1\",service=\"C\"} 1\n"));
    EXPECT_TRUE(metrics->body.contains("clinico_last_event_seq 1\n"));
}

// The phone page (/t/<token>) is one static page for every ticket; what it shows comes from
// /t/<token>/status (its wording, in three languages, is tested in Chromium:
// tests/desk/browser/phone_page.test.js).
TEST_F(ServerApi, TicketStatusPageShowsCodeAndPlaceButNothingPersonal)
{
    const QString cpf = validCpf(1);
    totem->issue(validCpf(2), consulta);
    const auto issued = totem->issue(cpf, consulta);
    auto page = ApiClient(server.url(), {}).get(u"/t/"_s + issued.statusToken);
    ASSERT_EQ(page->status, 200);
    EXPECT_TRUE(page->body.contains("/phone/phone.js"));
    EXPECT_FALSE(page->body.contains(cpf.mid(0, 6).toUtf8()));
    auto status = ApiClient(server.url(), {}).get(u"/t/%1/status"_s.arg(issued.statusToken));
    ASSERT_EQ(status->status, 200);
    EXPECT_EQ(status->json().value(u"code"_s).toString(), issued.ticket.code);
    EXPECT_EQ(status->json().value(u"ahead"_s).toInt(), 1);
    EXPECT_FALSE(status->body.contains(cpf.mid(0, 6).toUtf8()));
    EXPECT_EQ(ApiClient(server.url(), {}).get(u"/t/notarealtoken12345"_s)->status, 404);
    EXPECT_EQ(ApiClient(server.url(), {}).get(u"/t/notarealtoken12345/status"_s)->status, 404);
}

TEST_F(ServerApi, CpfNeverAppearsInTheLog)
{
    const QString cpf = validCpf(42);
    totem->issue(cpf, consulta);
    IssueTicketRequest bad { cpf.left(10) + u"0"_s, consulta, PriorityClass::Normal, u"bad-cpf-key"_s, {}, {},
        {}, {} };
    EXPECT_EQ(totem->post(u"/api/v1/tickets"_s, bad.toJson())->status, 400);
    server.stop();
    EXPECT_FALSE(server.log().contains(cpf)) << server.log().toStdString();
    EXPECT_FALSE(server.log().contains(Cpf::formatPartial(cpf)));
    EXPECT_TRUE(server.log().contains(u"***.***.***-"_s + cpf.right(2)));
}

TEST_F(ServerApi, PatientLookupSuggestsTheAgeClassAndRevealsNothingElse)
{
    const QString elder = validCpf(80), senior = validCpf(60), young = validCpf(30);
    const int year = QDate::currentDate().year();
    int rc = -1;
    server.runCli({ u"patient"_s, u"set"_s, u"--cpf"_s, elder, u"--name"_s, u"Maria da Silva"_s,
                      u"--birth-date"_s, u"%1-01-15"_s.arg(year - 85) },
        &rc);
    ASSERT_EQ(rc, 0);
    server.runCli(
        { u"patient"_s, u"set"_s, u"--cpf"_s, senior, u"--birth-date"_s, u"%1-01-15"_s.arg(year - 65) }, &rc);
    server.runCli(
        { u"patient"_s, u"set"_s, u"--cpf"_s, young, u"--birth-date"_s, u"%1-01-15"_s.arg(year - 30) }, &rc);

    auto lookup = [&](const QString &cpf) {
        auto r = totem->post(u"/api/v1/patients/lookup"_s, PatientLookupRequest { cpf }.toJson());
        EXPECT_EQ(r->status, 200);
        EXPECT_FALSE(r->body.contains("Maria"));
        EXPECT_FALSE(r->body.contains("birth"));
        return PatientLookup::fromJson(r->json()).value();
    };
    EXPECT_EQ(lookup(elder).suggestedPriority, PriorityClass::Priority80);
    EXPECT_EQ(lookup(senior).suggestedPriority, PriorityClass::Priority);
    EXPECT_TRUE(lookup(young).known);
    EXPECT_FALSE(lookup(young).suggestedPriority.has_value());
    EXPECT_FALSE(lookup(validCpf(5)).known);
    EXPECT_EQ(totem->post(u"/api/v1/patients/lookup"_s, { { u"cpf"_s, u"123"_s } })->status, 400);
    EXPECT_EQ(ApiClient(server.url(), tvToken)
                  .post(u"/api/v1/patients/lookup"_s, PatientLookupRequest { elder }.toJson())
                  ->status,
        403);
}

TEST_F(ServerApi, DeviceAddedWhileTheServerRunsWorksAtOnce)
{
    // Regression: a cached statement left mid-result kept a stale read snapshot, so the
    // running server did not see what `clinico-server device add` had just committed.
    EXPECT_EQ(totem->get(u"/api/v1/services"_s)->status, 200);
    const QString newToken = server.addDevice(u"totem"_s, u"Totem 2"_s);
    EXPECT_EQ(ApiClient(server.url(), newToken).get(u"/api/v1/services"_s)->status, 200);
    server.runCli({ u"device"_s, u"revoke"_s, u"--id"_s, u"4"_s });
    EXPECT_EQ(ApiClient(server.url(), newToken).get(u"/api/v1/services"_s)->status, 401);
}
