// SPDX-License-Identifier: GPL-3.0-or-later
// The clinic's schedule through the real server: the bulk upsert (all or nothing, every wrong
// line named), the totem's lookup after the CPF, the check-in that the ticket for the
// appointment's service is, cancellations, late arrivals, the calling order and the no-shows of
// the day report. The server's clock is a file the test moves.
#include "cpf/cpf.h"
#include "support/serverprocess.h"
#include "support/testclients.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

// 2026-12-07, a Monday, at hh:mm in São Paulo.
qint64 at(int hour, int minute)
{
    return QDateTime(QDate(2026, 12, 7), QTime(hour, minute), QTimeZone("America/Sao_Paulo")).toMSecsSinceEpoch();
}

QJsonObject appointment(const QString &id, const QString &cpf, const QString &start,
    const QString &status = u"booked"_s, const QString &service = u"C"_s)
{
    return { { u"resourceType"_s, u"Appointment"_s }, { u"id"_s, id }, { u"status"_s, status },
        { u"start"_s, start }, { u"minutesDuration"_s, 20 }, { u"serviceType"_s, service },
        { u"patientCpf"_s, cpf }, { u"practitioner"_s, u"dra.lima"_s },
        { u"practitionerName"_s, u"Dra. Lima"_s } };
}

class Appointments : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(server.useFileClock(QStringLiteral(CLINICO_CLOCKED_SERVER_BINARY), at(8, 0)));
        consulta = server.addService(u"C"_s, u"Consulta"_s);
        exames = server.addService(u"E"_s, u"Exames"_s);
        room = server.addCounter(u"Consultório 3"_s, { consulta });
        const QString adminToken = server.addDevice(u"admin"_s, u"Agenda"_s);
        const QString totemToken = server.addDevice(u"totem"_s, u"Totem 1"_s);
        const QString deskToken = server.addDevice(u"desk"_s, u"Mesa 1"_s);
        ASSERT_TRUE(server.start()) << server.log().toStdString();
        admin = std::make_unique<ApiClient>(server.url(), adminToken);
        totem = std::make_unique<ApiClient>(server.url(), totemToken);
        desk = std::make_unique<ApiClient>(server.url(), deskToken);
    }
    void TearDown() override
    {
        if (HasFailure())
            std::cerr << "--- server log ---\n" << server.log().toStdString() << std::endl;
    }
    void clock(int hour, int minute) { ASSERT_TRUE(server.setClock(at(hour, minute))); }

    Result<HttpResponse> send(const QJsonArray &items, bool dryRun = false)
    {
        return admin->post(u"/api/v1/appointments"_s, { { u"appointments"_s, items }, { u"dryRun"_s, dryRun } });
    }
    void import(const QJsonArray &items)
    {
        auto r = send(items);
        ASSERT_TRUE(r.ok());
        ASSERT_EQ(r->status, 200) << r->body.constData();
    }
    QJsonArray list() { return desk->get(u"/api/v1/appointments"_s)->json().value(u"appointments"_s).toArray(); }
    std::optional<AppointmentArrival> lookup(const QString &cpf)
    {
        auto r = totem->post(u"/api/v1/patients/lookup"_s, PatientLookupRequest { cpf }.toJson());
        EXPECT_TRUE(r.ok() && r->status == 200);
        auto l = PatientLookup::fromJson(r ? r->json() : QJsonObject());
        EXPECT_TRUE(l.ok());
        return l ? l->appointment : std::nullopt;
    }
    CallResult callNext()
    {
        auto r = desk->post(u"/api/v1/counters/%1/call-next"_s.arg(room));
        EXPECT_TRUE(r.ok() && r->status == 200) << (r ? r->body.constData() : "");
        auto c = CallResult::fromJson(r ? r->json() : QJsonObject());
        EXPECT_TRUE(c.ok());
        return c ? *c : CallResult {};
    }

    ServerProcess server;
    qint64 consulta = 0, exames = 0, room = 0;
    std::unique_ptr<ApiClient> admin, totem, desk;
};

} // namespace

TEST_F(Appointments, ImportIsAllOrNothingAndNamesEveryWrongLine)
{
    const QString badCpf = u"12345678900"_s;
    const QJsonArray items { appointment(u"A-1"_s, validCpf(1), u"2026-12-07T10:30:00-03:00"_s),
        appointment(u"A-2"_s, badCpf, u"2026-12-07T10:50:00-03:00"_s),
        appointment(u"A-3"_s, validCpf(3), u"2026-12-07T11:00:00-03:00"_s, u"booked"_s, u"X"_s),
        appointment(u"A-4"_s, validCpf(4), u"07/12/2026 11:30"_s),
        appointment(u"A-5"_s, validCpf(5), u"2026-12-07T11:50:00-03:00"_s, u"maybe"_s),
        appointment(u"A-1"_s, validCpf(6), u"2026-12-07T12:00:00-03:00"_s) };

    auto preview = send(items, true);
    ASSERT_TRUE(preview.ok());
    ASSERT_EQ(preview->status, 200);
    EXPECT_EQ(preview->json().value(u"valid"_s).toInt(), 1);
    const QJsonArray previewProblems = preview->json().value(u"problems"_s).toArray();
    ASSERT_EQ(previewProblems.size(), 5) << preview->body.constData();
    QList<int> lines;
    for (const QJsonValue &p : previewProblems)
        lines << p[u"index"_s].toInt();
    EXPECT_EQ(lines, QList<int>({ 1, 2, 3, 4, 5 }));
    EXPECT_TRUE(previewProblems[0][u"message"_s].toString().contains(u"patientCpf"_s));
    EXPECT_TRUE(previewProblems[1][u"message"_s].toString().contains(u"'X' não existe"_s));
    EXPECT_TRUE(previewProblems[2][u"message"_s].toString().contains(u"ISO 8601"_s));
    EXPECT_TRUE(previewProblems[4][u"message"_s].toString().contains(u"repetido"_s));
    EXPECT_TRUE(list().isEmpty()) << "a dry run stores nothing";

    auto refused = send(items);
    ASSERT_TRUE(refused.ok());
    EXPECT_EQ(refused->status, 400);
    EXPECT_EQ(refused->json().value(u"code"_s).toString(), u"invalid_appointments"_s);
    EXPECT_EQ(refused->json().value(u"problems"_s).toArray().size(), 5);
    EXPECT_TRUE(list().isEmpty()) << "nothing half-applied";

    auto unknownField = admin->post(u"/api/v1/appointments"_s, { { u"appointments"_s, QJsonArray() }, { u"x"_s, 1 } });
    EXPECT_EQ(unknownField->status, 400);
    auto tooMany = send(QJsonArray::fromVariantList(QVariantList(301, QVariantMap())));
    EXPECT_EQ(tooMany->status, 400);
    EXPECT_EQ(desk->post(u"/api/v1/appointments"_s, { { u"appointments"_s, QJsonArray() } })->status, 403)
        << "a desk reads the schedule, only an admin (or the integration's admin token) writes it";

    const QString log = server.log() + QString::fromUtf8(admin->get(u"/api/v1/audit"_s)->body);
    EXPECT_FALSE(log.contains(badCpf)) << "a CPF is never logged";
    EXPECT_FALSE(log.contains(validCpf(1)));
}

TEST_F(Appointments, UpsertUpdatesByTheSchedulersIdAndCancelledOnesLeaveTheTotem)
{
    import({ appointment(u"A-1"_s, validCpf(1), u"2026-12-07T10:30:00-03:00"_s),
        appointment(u"A-2"_s, validCpf(2), u"2026-12-07 11:00"_s) });
    QJsonArray day = list();
    ASSERT_EQ(day.size(), 2);
    EXPECT_EQ(day[1][u"startMs"_s].toInteger(), at(11, 0)) << "a time without an offset is the clinic's";
    EXPECT_EQ(day[0][u"state"_s].toString(), u"scheduled"_s);
    EXPECT_FALSE(QJsonDocument(day).toJson().contains(validCpf(1).toLatin1())) << "staff lists carry no CPF";

    clock(10, 0);
    ASSERT_TRUE(lookup(validCpf(2)).has_value());
    auto r = send({ appointment(u"A-2"_s, validCpf(2), u"2026-12-07T11:00:00-03:00"_s, u"cancelled"_s) });
    ASSERT_EQ(r->status, 200);
    EXPECT_EQ(r->json().value(u"updated"_s).toInt(), 1);
    EXPECT_EQ(r->json().value(u"created"_s).toInt(), 0);
    EXPECT_FALSE(lookup(validCpf(2)).has_value()) << "a cancelled appointment does not show at the totem";
    EXPECT_EQ(list()[1][u"state"_s].toString(), u"cancelled"_s);

    // A ticket for the cancelled appointment's service is an ordinary walk-in.
    totem->issue(validCpf(2), consulta);
    EXPECT_TRUE(list()[1][u"ticketCode"_s].toString().isEmpty());
}

TEST_F(Appointments, TheTotemFindsTheAppointmentAndTheTicketChecksItIn)
{
    import({ appointment(u"A-1"_s, validCpf(1), u"2026-12-07T10:30:00-03:00"_s) });
    EXPECT_FALSE(lookup(validCpf(9)).has_value());

    clock(9, 0);
    auto early = lookup(validCpf(1));
    ASSERT_TRUE(early.has_value());
    EXPECT_EQ(early->timing, ArrivalTiming::Early);
    EXPECT_EQ(early->checkInFromMs, at(9, 30));

    clock(10, 12);
    auto onTime = lookup(validCpf(1));
    ASSERT_TRUE(onTime.has_value());
    EXPECT_EQ(onTime->timing, ArrivalTiming::OnTime);
    EXPECT_EQ(onTime->startMs, at(10, 30));
    EXPECT_EQ(onTime->practitionerName, u"Dra. Lima"_s);
    EXPECT_EQ(onTime->serviceId, consulta);
    EXPECT_EQ(onTime->serviceName, u"Consulta"_s);

    // Another service first: a walk-in that checks nothing in.
    totem->issue(validCpf(1), exames);
    EXPECT_TRUE(lookup(validCpf(1)).has_value());
    const auto ticket = totem->issue(validCpf(1), consulta);
    const QJsonObject a = list()[0].toObject();
    EXPECT_EQ(a[u"ticketCode"_s].toString(), ticket.ticket.code);
    EXPECT_EQ(a[u"arrivedAtMs"_s].toInteger(), at(10, 12));
    EXPECT_EQ(a[u"state"_s].toString(), u"waiting"_s);
    EXPECT_FALSE(lookup(validCpf(1)).has_value()) << "checked in: nothing more to confirm";
}

TEST_F(Appointments, AnOnTimeAppointmentIsCalledAtItsTimeBeforeOlderWalkIns)
{
    import({ appointment(u"A-1"_s, validCpf(1), u"2026-12-07T10:30:00-03:00"_s) });
    clock(10, 0);
    totem->issue(validCpf(20), consulta);
    clock(10, 5);
    totem->issue(validCpf(21), consulta);
    clock(10, 12);
    const QString booked = totem->issue(validCpf(1), consulta).ticket.code;

    clock(10, 20); // not due yet (5 minutes of lead): the oldest walk-in
    EXPECT_EQ(callNext().ticket->code, u"CN001"_s);
    clock(10, 26);
    const CallResult due = callNext();
    EXPECT_EQ(due.ticket->code, booked);
    EXPECT_TRUE(due.explanation.contains(u"consulta agendada para 10:30; chegou às 10:12, no horário"_s))
        << due.explanation.toStdString();
    EXPECT_EQ(list()[0][u"state"_s].toString(), u"in_service"_s);
    EXPECT_EQ(callNext().ticket->code, u"CN002"_s);
}

TEST_F(Appointments, ALateArrivalWaitsByArrivalAndTooLateIsSentToTheReception)
{
    import({ appointment(u"A-1"_s, validCpf(1), u"2026-12-07T10:30:00-03:00"_s),
        appointment(u"A-2"_s, validCpf(2), u"2026-12-07T10:30:00-03:00"_s) });
    clock(10, 35);
    totem->issue(validCpf(20), consulta);
    clock(10, 41);
    EXPECT_EQ(list()[0][u"state"_s].toString(), u"late"_s);
    EXPECT_EQ(lookup(validCpf(1))->timing, ArrivalTiming::OnTime) << "15 minutes of tolerance";
    totem->issue(validCpf(1), consulta);
    EXPECT_EQ(list()[0][u"state"_s].toString(), u"waiting"_s);

    const CallResult first = callNext();
    EXPECT_EQ(first.ticket->code, u"CN001"_s) << "late: among the walk-ins, by arrival";
    const CallResult second = callNext();
    EXPECT_TRUE(second.explanation.contains(u"chegou às 10:41, depois do horário: segue a ordem de chegada"_s))
        << second.explanation.toStdString();

    clock(10, 50);
    EXPECT_EQ(lookup(validCpf(2))->timing, ArrivalTiming::Late);
    totem->issue(validCpf(2), consulta);
    EXPECT_TRUE(list()[1][u"ticketCode"_s].toString().isEmpty()) << "past the window: a walk-in, not a check-in";
    EXPECT_EQ(list()[1][u"state"_s].toString(), u"no_show"_s);
}

TEST_F(Appointments, TheDayReportCountsNoShowsAndOnTimeAndLateArrivals)
{
    import({ appointment(u"A-1"_s, validCpf(1), u"2026-12-07T10:00:00-03:00"_s),
        appointment(u"A-2"_s, validCpf(2), u"2026-12-07T10:30:00-03:00"_s),
        appointment(u"A-3"_s, validCpf(3), u"2026-12-07T11:00:00-03:00"_s),
        appointment(u"A-4"_s, validCpf(4), u"2026-12-07T11:30:00-03:00"_s, u"cancelled"_s),
        appointment(u"A-5"_s, validCpf(5), u"2026-12-07T11:10:00-03:00"_s) });
    clock(9, 50);
    totem->issue(validCpf(1), consulta);
    clock(10, 25);
    totem->issue(validCpf(2), consulta);
    clock(10, 30);
    callNext();
    const qint64 second = callNext().ticket->id;
    ASSERT_EQ(desk->post(u"/api/v1/tickets/%1/no-show"_s.arg(second))->status, 200);
    clock(11, 20); // A-3's window closed with nobody at the totem
    totem->issue(validCpf(5), consulta); // ten minutes late, still inside the window

    const QJsonObject figures = desk->get(u"/api/v1/reports/day"_s)->json().value(u"appointments"_s).toObject();
    EXPECT_EQ(figures[u"booked"_s].toInt(), 4);
    EXPECT_EQ(figures[u"arrived"_s].toInt(), 3);
    EXPECT_EQ(figures[u"onTime"_s].toInt(), 2);
    EXPECT_EQ(figures[u"late"_s].toInt(), 1);
    EXPECT_EQ(figures[u"noShows"_s].toInt(), 2) << "one never came, one did not answer the call";
    EXPECT_EQ(figures[u"cancelled"_s].toInt(), 1);
}
