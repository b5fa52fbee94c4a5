// SPDX-License-Identifier: GPL-3.0-or-later
// One ticket for the whole visit, the staff alerts and the phone page's status, against the real
// server over HTTP with a clock read from a file (issue 13): forwarding keeps the code and calls
// it to the next room, the desk sees the stages, the report measures each stage and the visit,
// a wait limit raises an alert and clears it, and the estimate comes from today's service times.
#include "support/serverprocess.h"
#include "support/testclients.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kStartMs = 1795438800000; // 2026-11-24 08:00 in São Paulo (11:00 UTC)
constexpr qint64 kMin = 60 * 1000;

class VisitApi : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(server.useFileClock(QStringLiteral(CLINICO_CLOCKED_SERVER_BINARY), kStartMs));
        adminToken = server.addDevice(u"admin"_s, u"TI"_s);
        totemToken = server.addDevice(u"totem"_s, u"Totem 1"_s);
        deskToken = server.addDevice(u"desk"_s, u"Mesa 1"_s);
        reception = server.addService(u"R"_s, u"Recepção"_s);
        triage = server.addService(u"T"_s, u"Triagem"_s);
        desk1 = server.addCounter(u"Guichê 1"_s, { reception });
        triageRoom = server.addCounter(u"Sala de triagem"_s, { triage });
        ASSERT_TRUE(server.start()) << server.log().toStdString();
        auto next = admin().send("PUT", u"/api/v1/services/%1"_s.arg(reception),
            R"({"name":"Recepção","nextServiceId":)" + QByteArray::number(triage) + "}");
        ASSERT_TRUE(next && next->status == 200) << (next ? next->body.constData() : "no reply");
    }
    void TearDown() override
    {
        if (HasFailure())
            std::cerr << "--- server log ---\n" << server.log().toStdString() << std::endl;
    }
    void at(int minute) { ASSERT_TRUE(server.setClock(kStartMs + minute * kMin)); }

    ApiClient admin() { return ApiClient(server.url(), adminToken); }
    ApiClient desk() { return ApiClient(server.url(), deskToken); }
    IssueTicketResponse issue(int seed, qint64 service, PriorityClass p = PriorityClass::Normal)
    {
        return ApiClient(server.url(), totemToken).issue(validCpf(seed), service, p);
    }
    Ticket callNext(qint64 counter)
    {
        auto r = desk().post(u"/api/v1/counters/%1/call-next"_s.arg(counter));
        EXPECT_TRUE(r && r->status == 200) << (r ? r->body.constData() : "no reply");
        auto result = CallResult::fromJson(r ? r->json() : QJsonObject());
        return result && result->ticket ? *result->ticket : Ticket {};
    }
    Result<HttpResponse> forward(qint64 ticket, std::optional<qint64> service = std::nullopt)
    {
        QJsonObject body;
        if (service)
            body.insert(u"serviceId"_s, *service);
        return desk().send(
            "POST", u"/api/v1/tickets/%1/forward"_s.arg(ticket), QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    void act(qint64 ticket, const QString &action)
    {
        auto r = desk().post(u"/api/v1/tickets/%1/%2"_s.arg(ticket).arg(action));
        ASSERT_TRUE(r && r->status == 200) << (r ? r->body.constData() : "no reply");
    }
    QList<WaitAlert> alerts(std::optional<qint64> counter = std::nullopt)
    {
        auto r = desk().get(
            u"/api/v1/alerts"_s + (counter ? u"?counterId=%1"_s.arg(*counter) : QString()));
        EXPECT_TRUE(r && r->status == 200);
        QList<WaitAlert> out;
        for (const QJsonValue &v : r->json().value(u"alerts"_s).toArray())
            out << WaitAlert::fromJson(v.toObject()).value();
        return out;
    }
    DayReport report()
    {
        auto r = desk().get(u"/api/v1/reports/day"_s);
        EXPECT_TRUE(r && r->status == 200);
        return DayReport::fromJson(r->json()).value();
    }
    PhoneStatus phone(const QString &token)
    {
        auto r = ApiClient(server.url(), {}).get(u"/t/%1/status"_s.arg(token));
        EXPECT_TRUE(r && r->status == 200) << (r ? r->body.constData() : "no reply");
        return PhoneStatus::fromJson(r ? r->json() : QJsonObject()).value();
    }

    ServerProcess server;
    QString adminToken, totemToken, deskToken;
    qint64 reception = 0, triage = 0, desk1 = 0, triageRoom = 0;
};

const ReportRow &row(const QList<ReportRow> &rows, const QString &service, std::optional<PriorityClass> p)
{
    for (const ReportRow &r : rows) {
        if (r.serviceName == service && r.priority == p)
            return r;
    }
    static const ReportRow none;
    ADD_FAILURE() << "no report row for " << service.toStdString();
    return none;
}

} // namespace

TEST_F(VisitApi, ForwardKeepsTheCodeAndTheTvCallsItToTheNextRoom)
{
    EventRecorder tv(server.url(), server.addDevice(u"tv"_s, u"TV"_s));
    ASSERT_TRUE(tv.waitConnected());
    const Ticket first = issue(1, reception).ticket;
    at(3);
    ASSERT_EQ(callNext(desk1).id, first.id);
    at(6);
    auto forwarded = forward(first.id); // the service's next stage: Triagem
    ASSERT_TRUE(forwarded && forwarded->status == 200) << (forwarded ? forwarded->body.constData() : "");
    const Ticket inTriage = Ticket::fromJson(forwarded->json()).value();
    EXPECT_EQ(inTriage.code, first.code);
    EXPECT_EQ(inTriage.serviceName, u"Triagem"_s);
    EXPECT_EQ(inTriage.status, TicketStatus::Waiting);
    EXPECT_EQ(inTriage.arrivedAtMs, first.arrivedAtMs);

    at(9);
    const Ticket called = callNext(triageRoom);
    EXPECT_EQ(called.id, first.id);
    EXPECT_EQ(called.code, first.code);
    // What every TV gets: the same code, now to the triage room.
    ASSERT_TRUE(spinUntil(
        [&] {
            int calls = 0;
            for (const Event &e : tv.events)
                calls += e.kind == EventKind::TicketCalled;
            return calls == 2;
        },
        5000));
    QStringList rooms;
    for (const Event &e : tv.events) {
        if (e.kind == EventKind::TicketCalled) {
            const auto a = CallAnnouncement::fromJson(e.data).value();
            EXPECT_EQ(a.code, first.code);
            rooms << a.counterName;
        }
    }
    EXPECT_EQ(rooms, (QStringList { u"Guichê 1"_s, u"Sala de triagem"_s }));

    // Where the patient has been, for the desk.
    auto stages = desk().get(u"/api/v1/tickets/%1/stages"_s.arg(first.id));
    ASSERT_TRUE(stages && stages->status == 200);
    const QJsonArray list = stages->json().value(u"stages"_s).toArray();
    ASSERT_EQ(list.size(), 2);
    const TicketStage r = TicketStage::fromJson(list[0].toObject()).value();
    const TicketStage t = TicketStage::fromJson(list[1].toObject()).value();
    EXPECT_EQ(r.serviceName, u"Recepção"_s);
    EXPECT_EQ(r.counterName, u"Guichê 1"_s);
    EXPECT_EQ(r.sinceMs, kStartMs);
    EXPECT_EQ(r.calledAtMs, kStartMs + 3 * kMin);
    EXPECT_EQ(r.finishedAtMs, kStartMs + 6 * kMin);
    EXPECT_EQ(t.serviceName, u"Triagem"_s);
    EXPECT_EQ(t.sinceMs, kStartMs + 6 * kMin);
    EXPECT_EQ(t.calledAtMs, kStartMs + 9 * kMin);
    EXPECT_FALSE(t.finishedAtMs);

    // The hand-over is audited with both stages.
    auto audit = admin().get(u"/api/v1/audit"_s);
    ASSERT_TRUE(audit && audit->status == 200);
    EXPECT_TRUE(audit->body.contains("Recepção -> Triagem")) << audit->body.constData();
}

// Ranked in the next queue by class, then by arrival at the door: a patient who came in
// earlier but spent longer in reception goes before one who came in later.
TEST_F(VisitApi, AForwardedTicketRanksByItsArrivalAtTheDoor)
{
    const Ticket early = issue(1, reception).ticket;
    at(1);
    const Ticket late = issue(2, triage).ticket; // sent straight to triage by the totem
    at(2);
    ASSERT_EQ(callNext(desk1).id, early.id);
    at(10);
    ASSERT_TRUE(forward(early.id).ok());
    EXPECT_EQ(callNext(triageRoom).id, early.id);
    EXPECT_EQ(callNext(triageRoom).id, late.id);
}

TEST_F(VisitApi, ForwardNeedsACalledTicketAndAStage)
{
    const Ticket waiting = issue(1, triage).ticket;
    auto notCalled = forward(waiting.id, reception);
    ASSERT_TRUE(notCalled.ok());
    EXPECT_EQ(notCalled->status, 409);
    ASSERT_EQ(callNext(triageRoom).id, waiting.id);
    auto noNext = forward(waiting.id); // Triagem has no next stage configured
    ASSERT_TRUE(noNext.ok());
    EXPECT_EQ(noNext->status, 400);
    EXPECT_TRUE(noNext->body.contains("próxima etapa")) << noNext->body.constData();
}

TEST_F(VisitApi, ReportMeasuresEachStageAndTheWholeVisit)
{
    const Ticket t = issue(1, reception).ticket;
    at(2);
    callNext(desk1);
    act(t.id, u"start"_s);
    at(5);
    ASSERT_TRUE(forward(t.id).ok());
    at(8);
    callNext(triageRoom);
    act(t.id, u"start"_s);
    at(12);
    act(t.id, u"finish"_s);

    const DayReport day = report();
    const ReportRow &r = row(day.rows, u"Recepção"_s, PriorityClass::Normal);
    EXPECT_EQ(r.figures.issued, 1);
    EXPECT_EQ(r.figures.served, 1);
    EXPECT_EQ(r.figures.waitAvgMs, 2 * kMin);
    EXPECT_EQ(r.figures.serviceAvgMs, 3 * kMin);
    const ReportRow &g = row(day.rows, u"Triagem"_s, PriorityClass::Normal);
    EXPECT_EQ(g.figures.waitAvgMs, 3 * kMin); // from joining triage at 5 to its call at 8
    EXPECT_EQ(g.figures.serviceAvgMs, 4 * kMin);
    const ReportRow &normal = row(day.classes, QString(), PriorityClass::Normal);
    EXPECT_EQ(normal.figures.issued, 1); // one visit, two stages
    EXPECT_EQ(normal.figures.served, 1);
    EXPECT_EQ(normal.figures.visitAvgMs, 12 * kMin);
    EXPECT_EQ(day.total.figures.visitMedianMs, 12 * kMin);
}

TEST_F(VisitApi, AWaitLimitRaisesAnAlertOnTheDesksOfThatQueueUntilTheTicketIsCalled)
{
    auto limits = admin().send("PUT", u"/api/v1/wait-limits"_s,
        R"({"limits":[{"serviceId":)" + QByteArray::number(reception)
            + R"(,"priority":"priority80","minutes":15}]})");
    ASSERT_TRUE(limits && limits->status == 200) << (limits ? limits->body.constData() : "");
    const Ticket elder = issue(1, reception, PriorityClass::Priority80).ticket;
    const Ticket normal = issue(2, reception).ticket; // no limit for normal: never alerted
    at(15);
    EXPECT_TRUE(alerts().isEmpty());
    at(16);
    const QList<WaitAlert> raised = alerts(desk1);
    ASSERT_EQ(raised.size(), 1);
    EXPECT_EQ(raised[0].code, elder.code);
    EXPECT_EQ(raised[0].limitMinutes, 15);
    EXPECT_EQ(raised[0].waitingMs, 16 * kMin);
    EXPECT_TRUE(alerts(triageRoom).isEmpty()) << "the triage desk does not serve reception";

    EXPECT_EQ(callNext(desk1).id, elder.id);
    EXPECT_TRUE(alerts().isEmpty());
    at(40);
    EXPECT_TRUE(alerts().isEmpty()) << "normal tickets have no limit here";
    const DayReport day = report();
    EXPECT_EQ(row(day.classes, QString(), PriorityClass::Priority80).figures.overLimit, 1);
    EXPECT_EQ(row(day.classes, QString(), PriorityClass::Normal).figures.overLimit, 0);
    EXPECT_EQ(row(day.rows, u"Recepção"_s, PriorityClass::Priority80).figures.overLimit, 1);
    Q_UNUSED(normal);
}

TEST_F(VisitApi, TheEstimateComesFromTodaysServiceTimesAndOpenCounters)
{
    for (int i = 0; i < 3; ++i)
        issue(10 + i, reception);
    QList<IssueTicketResponse> waiting;
    for (int i = 0; i < 5; ++i)
        waiting << issue(20 + i, reception);
    // Before anyone was served today: the default of 5 minutes a patient.
    EXPECT_EQ(phone(waiting[4].statusToken).estimatedWaitMinutes, 7 * 5);
    // Three patients served in 4 minutes each, call to call, at the one reception desk.
    for (int i = 0; i < 3; ++i) {
        at(4 * i);
        callNext(desk1);
    }
    at(12);
    EXPECT_EQ(callNext(desk1).id, waiting[0].ticket.id); // finishes the third
    PhoneStatus last = phone(waiting[4].statusToken);
    EXPECT_EQ(last.ahead, 3);
    // The desk's patient just called has 4 minutes to go, then the three ahead take 4 each.
    EXPECT_EQ(last.estimatedWaitMinutes, 4 + 3 * 4);
    EXPECT_FALSE(last.near);

    // A second desk opens for reception and calls: two counters share the work.
    auto opened = admin().post(u"/api/v1/counters"_s,
        QJsonObject { { u"name"_s, u"Guichê 2"_s }, { u"serviceIds"_s, QJsonArray { reception } } });
    ASSERT_TRUE(opened && opened->status == 201) << (opened ? opened->body.constData() : "");
    EXPECT_EQ(callNext(opened->json().value(u"id"_s).toInteger()).id, waiting[1].ticket.id);
    last = phone(waiting[4].statusToken);
    EXPECT_EQ(last.ahead, 2);
    EXPECT_EQ(last.estimatedWaitMinutes, (2 + 2) * 4 / 2); // two being served, two ahead, two desks
    EXPECT_TRUE(last.near);
}

TEST_F(VisitApi, ThePhoneStatusShowsOnlyThisTicketAndFollowsItLive)
{
    const IssueTicketResponse a = issue(1, reception);
    const IssueTicketResponse b = issue(2, reception);
    const IssueTicketResponse c = issue(3, reception);
    const IssueTicketResponse d = issue(4, reception);
    const PhoneStatus before = phone(d.statusToken);
    EXPECT_EQ(before.code, d.ticket.code);
    EXPECT_EQ(before.ahead, 3);
    EXPECT_FALSE(before.near);
    EXPECT_EQ(before.stageName, u"Recepção"_s);
    EXPECT_EQ(before.nextStageName, u"Triagem"_s);
    // Exactly these fields: nothing about the patient nor about any other ticket.
    auto raw = ApiClient(server.url(), {}).get(u"/t/%1/status"_s.arg(d.statusToken));
    ASSERT_TRUE(raw.ok());
    EXPECT_EQ(raw->json().keys(),
        (QStringList { u"ahead"_s, u"clinicName"_s, u"code"_s, u"counterName"_s, u"estimatedWaitMinutes"_s,
            u"near"_s, u"nextStageName"_s, u"stageName"_s, u"status"_s }));
    for (const QString &other : { a.ticket.code, b.ticket.code, c.ticket.code })
        EXPECT_FALSE(raw->body.contains(other.toUtf8()));
    auto unknown = ApiClient(server.url(), {}).get(u"/t/AAAAAAAAAAAAAAAAAAAAAA/status"_s);
    ASSERT_TRUE(unknown.ok());
    EXPECT_EQ(unknown->status, 404);

    QWebSocket ws;
    QStringList frames;
    QObject::connect(&ws, &QWebSocket::textMessageReceived, [&](const QString &m) { frames << m; });
    ws.open(QUrl(u"ws://127.0.0.1:%1/t/live?token=%2"_s.arg(server.port()).arg(d.statusToken)));
    ASSERT_TRUE(spinUntil([&] { return frames.size() == 1; }, 5000));
    at(1);
    callNext(desk1); // a goes: two ahead, "near"
    ASSERT_TRUE(spinUntil([&] { return frames.size() == 2; }, 5000));
    const PhoneStatus near = PhoneStatus::fromJson(QJsonDocument::fromJson(frames[1].toUtf8()).object()).value();
    EXPECT_EQ(near.ahead, 2);
    EXPECT_TRUE(near.near);
    callNext(desk1);
    callNext(desk1);
    callNext(desk1); // d is called
    ASSERT_TRUE(spinUntil(
        [&]() -> bool {
            return !frames.isEmpty()
                && QJsonDocument::fromJson(frames.last().toUtf8()).object().value(u"status"_s).toString()
                == u"called"_s;
        },
        5000));
    EXPECT_EQ(QJsonDocument::fromJson(frames.last().toUtf8()).object().value(u"counterName"_s).toString(),
        u"Guichê 1"_s);

    QWebSocket stranger;
    int closeCode = 0;
    QObject::connect(&stranger, &QWebSocket::disconnected, [&] { closeCode = stranger.closeCode(); });
    stranger.open(QUrl(u"ws://127.0.0.1:%1/t/live?token=AAAAAAAAAAAAAAAAAAAAAA"_s.arg(server.port())));
    ASSERT_TRUE(spinUntil([&] { return closeCode != 0; }, 5000));
    EXPECT_EQ(closeCode, 4404);
}
