// SPDX-License-Identifier: GPL-3.0-or-later
// Several clinics (units) on one database (issue 10 §3), against the real server over HTTP
// with a clock read from a file: unit 1 in São Paulo, unit 2 in Manaus (an hour behind), both
// with a service "C" and a "Consultório 3". A device of one unit asking for the other's
// tickets, services, counters or devices gets "not found"; a TV and a desk subscribed in one
// unit hear nothing of the other; codes start again at each unit's own midnight; each unit's
// day report counts its own tickets; only a network administrator manages units, and the
// console of one shows the unit picked.
#include "support/serverprocess.h"
#include "support/testclients.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kHour = 60 * 60 * 1000;
// 2026-11-24 23:10 in São Paulo (UTC-3), 22:10 in Manaus (UTC-4).
constexpr qint64 kStartMs = 1795572600000;

// One unit's devices and catalogue.
struct Clinic
{
    qint64 unit = 0;
    qint64 service = 0;
    qint64 room = 0;
    QString totem, tv, desk, admin;
};

class Units : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(server.useFileClock(QStringLiteral(CLINICO_CLOCKED_SERVER_BINARY), kStartMs));
        saoPaulo = makeClinic(1);
        manaus = makeClinic(server.addUnit(u"Filial Manaus"_s, u"America/Manaus"_s));
        ASSERT_EQ(manaus.unit, 2);
        ASSERT_TRUE(server.start()) << server.log().toStdString();
    }
    void TearDown() override
    {
        if (HasFailure())
            std::cerr << "--- server log ---\n" << server.log().toStdString() << std::endl;
    }

    // The same names in every unit: a prefix and a room name are unique within a unit only.
    Clinic makeClinic(qint64 unit)
    {
        Clinic c;
        c.unit = unit;
        c.service = server.addService(u"C"_s, u"Consulta"_s, unit);
        c.room = server.addCounter(u"Consultório 3"_s, { c.service }, unit);
        EXPECT_GT(c.service, 0);
        EXPECT_GT(c.room, 0);
        auto device = [&](const QString &role) { return server.addDevice(role, role, unit); };
        c.totem = device(u"totem"_s);
        c.tv = device(u"tv"_s);
        c.desk = device(u"desk"_s);
        c.admin = device(u"admin"_s);
        return c;
    }

    ApiClient as(const QString &token) { return ApiClient(server.url(), token); }
    IssueTicketResponse issue(const Clinic &c, int seed)
    {
        return as(c.totem).issue(validCpf(seed), c.service);
    }
    Ticket callNext(const Clinic &c)
    {
        auto r = as(c.desk).post(u"/api/v1/counters/%1/call-next"_s.arg(c.room));
        EXPECT_TRUE(r && r->status == 200) << (r ? r->body.constData() : "no reply");
        auto result = CallResult::fromJson(r ? r->json() : QJsonObject());
        return result && result->ticket ? *result->ticket : Ticket {};
    }
    static int status(const Result<HttpResponse> &r) { return r ? r->status : 0; }
    // A staff account (`flags`: its role and unit; --network-admin: of no unit) and its console.
    void addUser(const QStringList &flags, const QString &username)
    {
        EXPECT_TRUE(server.addUser(username, "senha-de-teste-1", flags)) << username.toStdString();
    }
    StaffConsole signIn(const QString &username)
    {
        const StaffConsole c = StaffConsole::signIn(server.url(), username, u"senha-de-teste-1"_s);
        EXPECT_FALSE(c.cookie.isEmpty()) << username.toStdString();
        return c;
    }
    void at(qint64 ms) { ASSERT_TRUE(server.setClock(ms)); }

    ServerProcess server;
    Clinic saoPaulo, manaus;
};

TEST_F(Units, ServicesCountersAndDevicesAreEachUnitsOwn)
{
    for (const Clinic *c : { &saoPaulo, &manaus }) {
        auto services = as(c->totem).get(u"/api/v1/services"_s);
        ASSERT_EQ(status(services), 200);
        const QJsonArray list = services->json().value(u"services"_s).toArray();
        ASSERT_EQ(list.size(), 1) << services->body.constData();
        EXPECT_EQ(list.first().toObject().value(u"id"_s).toInteger(), c->service);
        auto counters = as(c->desk).get(u"/api/v1/counters"_s);
        ASSERT_EQ(counters->json().value(u"counters"_s).toArray().size(), 1);
        auto devices = as(c->admin).get(u"/api/v1/devices"_s);
        ASSERT_EQ(status(devices), 200);
        EXPECT_EQ(devices->json().value(u"devices"_s).toArray().size(), 4) << devices->body.constData();
    }
    // A new unit's screens show its name until its admin sets another.
    EXPECT_EQ(as(manaus.tv).get(u"/api/v1/settings/display"_s)->json()[u"clinicName"_s].toString(),
        u"Filial Manaus"_s);
    // The calendar each unit's totems number and date by.
    EXPECT_EQ(as(manaus.totem).get(u"/api/v1/services"_s)->json()[u"calendar"_s][u"timeZone"_s].toString(),
        u"America/Manaus"_s);
    EXPECT_EQ(as(saoPaulo.totem).get(u"/api/v1/services"_s)->json()[u"calendar"_s][u"timeZone"_s].toString(),
        u"America/Sao_Paulo"_s);
}

TEST_F(Units, AnotherUnitsIdsAreNotFound)
{
    const IssueTicketResponse inSaoPaulo = issue(saoPaulo, 1);
    ASSERT_GT(inSaoPaulo.ticket.id, 0);

    // A totem of Manaus cannot take a ticket for São Paulo's service.
    IssueTicketRequest r;
    r.cpf = validCpf(2);
    r.serviceId = saoPaulo.service;
    r.idempotencyKey = u"cross-unit-1"_s;
    EXPECT_EQ(status(as(manaus.totem).post(u"/api/v1/tickets"_s, r.toJson())), 404);

    // A desk of Manaus cannot read, call or act on São Paulo's ticket, nor call at its room.
    ApiClient desk = as(manaus.desk);
    const QString ticket = u"/api/v1/tickets/%1"_s.arg(inSaoPaulo.ticket.id);
    EXPECT_EQ(status(desk.get(ticket)), 404);
    EXPECT_EQ(status(desk.post(u"/api/v1/counters/%1/call-next"_s.arg(saoPaulo.room))), 404);
    EXPECT_EQ(status(desk.get(u"/api/v1/counters/%1/next"_s.arg(saoPaulo.room))), 404);
    EXPECT_EQ(status(desk.post(ticket + u"/call"_s,
                  { { u"counterId"_s, manaus.room }, { u"reason"_s, u"fora da ordem"_s } })),
        404);
    EXPECT_EQ(status(desk.post(ticket + u"/cancel"_s)), 404);
    EXPECT_EQ(status(desk.post(ticket + u"/redirect"_s, { { u"serviceId"_s, manaus.service } })), 404);
    EXPECT_TRUE(desk.get(ticket + u"/stages"_s)->json().value(u"stages"_s).toArray().isEmpty());
    EXPECT_TRUE(desk.get(u"/api/v1/tickets"_s)->json().value(u"tickets"_s).toArray().isEmpty());

    // Manaus's admin cannot change São Paulo's catalogue or revoke its devices.
    ApiClient admin = as(manaus.admin);
    EXPECT_EQ(
        status(admin.send("PUT", u"/api/v1/services/%1"_s.arg(saoPaulo.service), R"({"name":"Tomada"})")),
        404);
    EXPECT_EQ(status(admin.send("PUT", u"/api/v1/counters/%1"_s.arg(saoPaulo.room),
                  R"({"name":"Tomada","serviceIds":[]})")),
        404);
    EXPECT_EQ(status(admin.post(u"/api/v1/counters"_s,
                  { { u"name"_s, u"Sala 9"_s }, { u"serviceIds"_s, QJsonArray { saoPaulo.service } } })),
        404);

    // And São Paulo's ticket is untouched: still waiting, called next at its own room.
    EXPECT_EQ(callNext(saoPaulo).id, inSaoPaulo.ticket.id);
}

TEST_F(Units, SubscribersHearOnlyTheirUnit)
{
    const IssueTicketResponse early = issue(saoPaulo, 1); // before anyone subscribed: the snapshot
    EventRecorder tvManaus(server.url(), manaus.tv);
    EventRecorder deskManaus(server.url(), manaus.desk);
    EventRecorder tvSaoPaulo(server.url(), saoPaulo.tv);
    ASSERT_TRUE(tvManaus.waitConnected());
    ASSERT_TRUE(deskManaus.waitConnected());
    ASSERT_TRUE(tvSaoPaulo.waitConnected());
    ASSERT_EQ(deskManaus.snapshots.size(), 1);
    EXPECT_TRUE(deskManaus.snapshots.first().openTickets.isEmpty()) << "São Paulo's open ticket leaked";
    EXPECT_TRUE(deskManaus.hellos.first().filtered) << "gaps in seq must be announced";

    const Ticket calledInSaoPaulo = callNext(saoPaulo);
    ASSERT_EQ(calledInSaoPaulo.id, early.ticket.id);
    ASSERT_TRUE(tvSaoPaulo.waitForEvents(1));
    const IssueTicketResponse inManaus = issue(manaus, 2);
    const Ticket calledInManaus = callNext(manaus);
    ASSERT_EQ(calledInManaus.id, inManaus.ticket.id);
    ASSERT_TRUE(tvManaus.waitForEvents(1));
    ASSERT_TRUE(deskManaus.waitForEvents(2)); // issued, called

    // São Paulo's ticket comes first: had it been sent to Manaus, it would be there before Manaus's.
    issue(saoPaulo, 3);
    issue(manaus, 4);
    ASSERT_TRUE(deskManaus.waitForEvents(3));
    for (const Event &e : std::as_const(deskManaus.events)) {
        EXPECT_EQ(e.data.value(u"serviceId"_s).toInteger(), manaus.service) << e.kind.toStdString();
    }
    ASSERT_EQ(tvManaus.events.size(), 1);
    EXPECT_EQ(tvManaus.events.first().data.value(u"ticketId"_s).toInteger(), calledInManaus.id);
    ASSERT_EQ(tvSaoPaulo.events.size(), 1);
    EXPECT_EQ(tvSaoPaulo.events.first().data.value(u"ticketId"_s).toInteger(), calledInSaoPaulo.id);
}

TEST_F(Units, CodesStartAgainAtEachUnitsOwnMidnight)
{
    // 23:10 in São Paulo, 22:10 in Manaus: the same day, the same first code in both.
    EXPECT_EQ(issue(saoPaulo, 1).ticket.code, u"CN001"_s);
    EXPECT_EQ(issue(manaus, 2).ticket.code, u"CN001"_s);
    // 00:10 in São Paulo (a new day), 23:10 in Manaus (still the old one).
    at(kStartMs + kHour);
    EXPECT_EQ(issue(saoPaulo, 3).ticket.code, u"CN001"_s);
    EXPECT_EQ(issue(manaus, 4).ticket.code, u"CN002"_s);
    EXPECT_EQ(as(saoPaulo.desk).get(u"/api/v1/tickets"_s)->json()[u"tickets"_s].toArray().size(), 1)
        << "São Paulo's ticket of yesterday expired at its reset";
    EXPECT_EQ(as(manaus.desk).get(u"/api/v1/tickets"_s)->json()[u"tickets"_s].toArray().size(), 2);
    EXPECT_EQ(as(saoPaulo.totem).get(u"/api/v1/services"_s)->json()[u"calendar"_s][u"day"_s].toString(),
        u"2026-11-25"_s);
    EXPECT_EQ(as(manaus.totem).get(u"/api/v1/services"_s)->json()[u"calendar"_s][u"day"_s].toString(),
        u"2026-11-24"_s);
    // 00:10 in Manaus: its day turns too.
    at(kStartMs + 2 * kHour);
    EXPECT_EQ(issue(manaus, 5).ticket.code, u"CN001"_s);
    EXPECT_EQ(issue(saoPaulo, 6).ticket.code, u"CN002"_s);
    EXPECT_EQ(as(manaus.desk).get(u"/api/v1/tickets"_s)->json()[u"tickets"_s].toArray().size(), 1);
}

TEST_F(Units, EachUnitsDayReportCountsItsOwnTickets)
{
    for (int i = 0; i < 3; ++i)
        issue(saoPaulo, 10 + i);
    issue(manaus, 20);
    callNext(saoPaulo);
    auto report = [&](const Clinic &c) {
        auto r = as(c.desk).get(u"/api/v1/reports/day?day=2026-11-24"_s);
        EXPECT_EQ(status(r), 200);
        return DayReport::fromJson(r ? r->json() : QJsonObject());
    };
    const auto saoPauloDay = report(saoPaulo);
    const auto manausDay = report(manaus);
    ASSERT_TRUE(saoPauloDay && manausDay);
    EXPECT_EQ(saoPauloDay->total.figures.issued, 3);
    EXPECT_EQ(saoPauloDay->total.figures.waitingNow, 2);
    EXPECT_EQ(manausDay->total.figures.issued, 1);
    EXPECT_EQ(manausDay->total.figures.waitingNow, 1);
}

TEST_F(Units, MetricsCountEveryUnitUnderItsOwnLabel)
{
    issue(saoPaulo, 1);
    issue(saoPaulo, 2);
    issue(manaus, 3);
    auto metrics = [&] { return QString::fromUtf8(ApiClient(server.url(), {}).get(u"/metrics"_s)->body); };
    QString m = metrics();
    EXPECT_TRUE(m.contains(u"clinico_unit_info{unit=\"2\",name=\"Filial Manaus\"} 1\n"_s)) << m.toStdString();
    EXPECT_TRUE(m.contains(u"clinico_tickets_issued_total{unit=\"1\"} 2\n"_s));
    EXPECT_TRUE(m.contains(u"clinico_tickets_issued_total{unit=\"2\"} 1\n"_s));
    EXPECT_TRUE(m.contains(u"clinico_tickets_waiting{unit=\"1\",service=\"C\"} 2\n"_s));
    // A second unit's waiting tickets: its own series, however the first's service is named.
    EXPECT_TRUE(m.contains(u"clinico_tickets_waiting{unit=\"2\",service=\"C\"} 1\n"_s));
    EXPECT_FALSE(m.contains(u"clinico_tickets_waiting{service="_s)) << "a figure without its unit";
    EXPECT_TRUE(m.contains(u"clinico_device_silent{unit=\"2\",device=\"totem\",role=\"totem\"} "_s));
    EXPECT_TRUE(m.contains(u"clinico_device_silent{unit=\"1\",device=\"tv\",role=\"tv\"} "_s));

    // Midnight in São Paulo, 23:10 in Manaus: each unit counts the waiting of its own day.
    at(kStartMs + kHour);
    m = metrics();
    EXPECT_TRUE(m.contains(u"clinico_tickets_waiting{unit=\"1\",service=\"C\"} 0\n"_s)) << m.toStdString();
    EXPECT_TRUE(m.contains(u"clinico_tickets_waiting{unit=\"2\",service=\"C\"} 1\n"_s));
    callNext(manaus);
    EXPECT_TRUE(metrics().contains(u"clinico_tickets_waiting{unit=\"2\",service=\"C\"} 0\n"_s));
}

TEST_F(Units, TwoUnitsImportTheSameAgendaIdEachIntoItsOwnSchedule)
{
    // Each clinic's scheduling system numbers its own appointments: both send "AG-100".
    auto appointment = [](int cpfSeed, const QString &start, const QString &practitioner) {
        return QJsonObject { { u"resourceType"_s, u"Appointment"_s }, { u"id"_s, u"AG-100"_s },
            { u"status"_s, u"booked"_s }, { u"start"_s, start }, { u"minutesDuration"_s, 20 },
            { u"serviceType"_s, u"C"_s }, { u"patientCpf"_s, validCpf(cpfSeed) },
            { u"practitioner"_s, practitioner }, { u"practitionerName"_s, practitioner } };
    };
    auto import = [&](const Clinic &c, const QJsonObject &a) {
        auto r = as(c.admin).post(u"/api/v1/appointments"_s, { { u"appointments"_s, QJsonArray { a } } });
        EXPECT_EQ(status(r), 200) << (r ? r->body.constData() : "no reply");
        return r ? r->json() : QJsonObject();
    };
    auto agenda = [&](const Clinic &c) {
        return as(c.desk).get(u"/api/v1/appointments"_s)->json().value(u"appointments"_s).toArray();
    };
    EXPECT_EQ(
        import(saoPaulo, appointment(1, u"2026-11-24T23:30:00-03:00"_s, u"dra.lima"_s))[u"created"_s].toInt(),
        1);
    EXPECT_EQ(
        import(manaus, appointment(2, u"2026-11-24T22:40:00-04:00"_s, u"dr.souza"_s))[u"created"_s].toInt(),
        1)
        << "Manaus's AG-100 is not São Paulo's";
    // Sent again by Manaus, moved: Manaus's is updated, São Paulo's stays as it was.
    EXPECT_EQ(
        import(manaus, appointment(2, u"2026-11-24T22:50:00-04:00"_s, u"dr.souza"_s))[u"updated"_s].toInt(),
        1);

    const QJsonArray inSaoPaulo = agenda(saoPaulo);
    const QJsonArray inManaus = agenda(manaus);
    ASSERT_EQ(inSaoPaulo.size(), 1);
    ASSERT_EQ(inManaus.size(), 1);
    EXPECT_EQ(inSaoPaulo[0][u"practitioner"_s].toString(), u"dra.lima"_s);
    EXPECT_EQ(inSaoPaulo[0][u"serviceId"_s].toInteger(), saoPaulo.service);
    EXPECT_EQ(inSaoPaulo[0][u"startMs"_s].toInteger(), kStartMs + 20 * 60 * 1000);
    EXPECT_EQ(inManaus[0][u"practitioner"_s].toString(), u"dr.souza"_s);
    EXPECT_EQ(inManaus[0][u"serviceId"_s].toInteger(), manaus.service);
    EXPECT_EQ(inManaus[0][u"startMs"_s].toInteger(), kStartMs + 40 * 60 * 1000);
    EXPECT_NE(inManaus[0][u"id"_s].toInteger(), inSaoPaulo[0][u"id"_s].toInteger());
}

TEST_F(Units, AKioskWaitingForEnrolmentIsClaimedByItsCodeAndListedOnlyToTheNetworkAdmin)
{
    // A TV somewhere in the network asks for a token; it cannot know its clinic.
    const RawReply asked = sendRaw(server.url(), "POST", u"/api/v1/enrolments"_s, {},
        EnrolmentRequest { u"tv"_s, u"tv-recepcao"_s, u""_s, u"0.1.0"_s }.toJson());
    ASSERT_EQ(asked.status, 201) << asked.body.constData();
    const QString code = asked.json.value(u"code"_s).toString();

    addUser({ u"--network-admin"_s }, u"rede"_s);
    const StaffConsole rede = signIn(u"rede"_s);
    const QJsonArray seenByNetwork
        = rede.send("GET", u"/api/v1/enrolments"_s).json[u"enrolments"_s].toArray();
    ASSERT_EQ(seenByNetwork.size(), 1);
    EXPECT_EQ(seenByNetwork[0][u"hostname"_s].toString(), u"tv-recepcao"_s);
    const qint64 request = seenByNetwork[0][u"id"_s].toInteger();

    // No unit's own admin sees it, nor may refuse it: it may be another clinic's kiosk.
    for (const Clinic *c : { &saoPaulo, &manaus }) {
        auto list = as(c->admin).get(u"/api/v1/enrolments"_s);
        ASSERT_EQ(status(list), 200);
        EXPECT_TRUE(list->json()[u"enrolments"_s].toArray().isEmpty()) << list->body.constData();
        EXPECT_FALSE(list->json()[u"listed"_s].toBool());
        auto refused = as(c->admin).post(u"/api/v1/enrolments/%1/refuse"_s.arg(request));
        EXPECT_EQ(status(refused), 404);
        EXPECT_EQ(refused->json()[u"code"_s].toString(), u"not_found"_s);
    }
    EXPECT_EQ(rede.send("GET", u"/api/v1/enrolments"_s).json[u"enrolments"_s].toArray().size(), 1)
        << "still waiting";

    // Manaus's admin, in front of the TV, types its code: the TV is Manaus's, and only Manaus's.
    auto approved = as(manaus.admin)
                        .post(u"/api/v1/enrolments/approve"_s,
                            EnrolmentApproval { code, u"TV da recepção"_s }.toJson());
    ASSERT_EQ(status(approved), 201) << approved->body.constData();
    auto names = [&](const Clinic &c) {
        QStringList out;
        for (const QJsonValue &d : as(c.admin).get(u"/api/v1/devices"_s)->json()[u"devices"_s].toArray())
            out << d[u"name"_s].toString();
        return out;
    };
    EXPECT_TRUE(names(manaus).contains(u"TV da recepção"_s));
    EXPECT_FALSE(names(saoPaulo).contains(u"TV da recepção"_s));
    EXPECT_TRUE(rede.send("GET", u"/api/v1/enrolments"_s).json[u"enrolments"_s].toArray().isEmpty());
}

TEST_F(Units, OnlyTheNetworkAdminManagesUnitsAndPicksTheOneItsConsoleShows)
{
    addUser({ u"--network-admin"_s }, u"rede"_s);
    addUser({ u"--admin"_s }, u"chefe"_s);
    addUser({ u"--role=attendant"_s, u"--unit"_s, u"2"_s }, u"joana"_s);
    const QJsonObject belem { { u"name"_s, u"Filial Belém"_s }, { u"timeZone"_s, u"America/Belem"_s } };

    // A unit's own admin is no network admin.
    const StaffConsole chefe = signIn(u"chefe"_s);
    EXPECT_EQ(chefe.send("GET", u"/api/v1/units"_s).status, 403);
    EXPECT_EQ(chefe.send("POST", u"/api/v1/units"_s, belem).status, 403);
    EXPECT_EQ(chefe.send("PUT", u"/api/v1/session/unit"_s, { { u"unitId"_s, 2 } }).status, 403);

    const StaffConsole rede = signIn(u"rede"_s);
    RawReply created = rede.send("POST", u"/api/v1/units"_s, belem);
    ASSERT_EQ(created.status, 201) << created.body.constData();
    EXPECT_EQ(created.json.value(u"id"_s).toInteger(), 3);
    EXPECT_EQ(rede.send("PUT", u"/api/v1/units/3"_s,
                      { { u"name"_s, u"Filial Pará"_s }, { u"timeZone"_s, u"Europa/Lugar"_s } })
                  .status,
        400);
    EXPECT_EQ(rede.send("PUT", u"/api/v1/units/99"_s, belem).status, 404);
    const RawReply units = rede.send("GET", u"/api/v1/units"_s);
    ASSERT_EQ(units.json.value(u"units"_s).toArray().size(), 3);
    EXPECT_EQ(units.json[u"units"_s][2][u"name"_s].toString(), u"Filial Belém"_s);

    // Picking Manaus: the console reads Manaus's catalogue, people and tickets from now on.
    EXPECT_EQ(rede.send("PUT", u"/api/v1/session/unit"_s, { { u"unitId"_s, 99 } }).status, 404);
    const RawReply picked = rede.send("PUT", u"/api/v1/session/unit"_s, { { u"unitId"_s, 2 } });
    ASSERT_EQ(picked.status, 200) << picked.body.constData();
    EXPECT_EQ(picked.json.value(u"unitId"_s).toInteger(), 2);
    EXPECT_EQ(rede.send("GET", u"/api/v1/session"_s).json.value(u"unitId"_s).toInteger(), 2);
    const QJsonArray services = rede.send("GET", u"/api/v1/services"_s).json.value(u"services"_s).toArray();
    ASSERT_EQ(services.size(), 1);
    EXPECT_EQ(services.first()[u"id"_s].toInteger(), manaus.service);
    QStringList people;
    for (const QJsonValue &u : rede.send("GET", u"/api/v1/users"_s).json.value(u"users"_s).toArray())
        people << u[u"username"_s].toString();
    EXPECT_EQ(people, QStringList { u"joana"_s });

    // A person of Manaus sees Manaus's tickets only.
    const IssueTicketResponse inSaoPaulo = issue(saoPaulo, 1);
    const IssueTicketResponse inManaus = issue(manaus, 2);
    const StaffConsole joana = signIn(u"joana"_s);
    EXPECT_EQ(joana.send("GET", u"/api/v1/tickets/%1"_s.arg(inSaoPaulo.ticket.id)).status, 404);
    const QJsonArray open = joana.send("GET", u"/api/v1/tickets"_s).json.value(u"tickets"_s).toArray();
    ASSERT_EQ(open.size(), 1);
    EXPECT_EQ(open.first()[u"id"_s].toInteger(), inManaus.ticket.id);

    // The reset time is the network's: a unit's admin cannot move it, the network's can.
    QJsonObject settings = as(manaus.admin).get(u"/api/v1/settings/admin"_s)->json();
    settings.remove(u"signIn"_s);
    settings.insert(u"resetTime"_s, u"05:00"_s);
    EXPECT_EQ(
        status(as(manaus.admin).send("PUT", u"/api/v1/settings/admin"_s, QJsonDocument(settings).toJson())),
        403);
    EXPECT_EQ(chefe.send("PUT", u"/api/v1/settings/admin"_s, settings).status, 403);
    EXPECT_EQ(rede.send("PUT", u"/api/v1/settings/admin"_s, settings).status, 200);
    settings.insert(u"notice"_s, u"Aviso de Manaus"_s); // a unit's own setting: its admin changes it
    EXPECT_EQ(
        status(as(manaus.admin).send("PUT", u"/api/v1/settings/admin"_s, QJsonDocument(settings).toJson())),
        200);
    EXPECT_NE(as(saoPaulo.totem).get(u"/api/v1/settings/display"_s)->json()[u"notice"_s].toString(),
        u"Aviso de Manaus"_s);
    EXPECT_EQ(as(manaus.totem).get(u"/api/v1/settings/display"_s)->json()[u"notice"_s].toString(),
        u"Aviso de Manaus"_s);

    // Her login is in Manaus's audit log, not in São Paulo's.
    auto actors = [](const StaffConsole &c) {
        QStringList out;
        for (const QJsonValue &e : c.send("GET", u"/api/v1/audit"_s).json.value(u"entries"_s).toArray())
            out << e[u"actor"_s].toString() + u' ' + e[u"action"_s].toString();
        return out;
    };
    EXPECT_TRUE(actors(rede).contains(u"user:joana login"_s)) << actors(rede).join(u", "_s).toStdString();
    EXPECT_FALSE(actors(chefe).join(u' ').contains(u"joana"_s)) << actors(chefe).join(u", "_s).toStdString();
}

} // namespace
