// SPDX-License-Identifier: GPL-3.0-or-later
// The day report from a day scripted on the store with a clock the test drives.
#include "report/dayreport.h"
#include "reset/dailyreset.h"
#include "storage/queuestore.h"
#include "support/testclients.h"
#include "support/teststore.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::server;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMin = 60000;

class DayReportTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(test::openTestStore(store, dir.path()).ok());
        ASSERT_TRUE(reset.ensureCurrent().ok());
        consulta = store.catalog().addService(u"C"_s, u"Consulta"_s)->id;
        exames = store.catalog().addService(u"E"_s, u"=Exames, \"laboratório\""_s)->id;
        room = store.catalog().addCounter(u"Consultório 1"_s, { consulta })->id;
        lab = store.catalog().addCounter(u"Coleta"_s, { exames })->id;
        totem = store.devices().addDevice(u"Totem"_s, Role::Totem, "h1")->id;
    }

    // The clock at `minute` after 08:00 in São Paulo.
    void at(int minute) { clock.set(start.addMSecs(minute * kMin)); }

    Ticket issue(int seed, PriorityClass p, qint64 service)
    {
        IssueTicketRequest r;
        r.cpf = test::validCpf(seed);
        r.serviceId = service;
        r.priority = p;
        r.idempotencyKey = u"report-key-%1"_s.arg(seed);
        auto out = store.issuing().issue(r, *Cpf::parse(r.cpf), Actor { totem, u"totem"_s });
        EXPECT_TRUE(out.ok());
        return out->response.ticket;
    }
    qint64 callNext(qint64 counter) { return store.calling().callNext(counter, desk)->ticket->id; }
    void act(qint64 ticket, TicketAction a) { ASSERT_TRUE(store.calling().act(ticket, a, desk).ok()); }

    QTemporaryDir dir;
    const QDateTime start
        = QDateTime(QDate(2026, 11, 24), QTime(8, 0), QTimeZone("America/Sao_Paulo")).toUTC();
    ManualClock clock { start };
    QueueStore store { clock, BusinessDay() };
    DailyReset reset { store, clock };
    qint64 consulta = 0, exames = 0, room = 0, lab = 0, totem = 0;
    Actor desk { 0, u"user:ana"_s };
};

const ReportRow &find(const QList<ReportRow> &rows, const QString &service, PriorityClass p)
{
    for (const ReportRow &r : rows) {
        if (r.serviceName == service && r.priority == p)
            return r;
    }
    static const ReportRow none;
    ADD_FAILURE() << "no row " << service.toStdString();
    return none;
}

} // namespace

TEST_F(DayReportTest, FiguresPerServiceAndClassFollowTheDay)
{
    at(0);
    const Ticket n1 = issue(1, PriorityClass::Normal, consulta);
    at(2);
    const Ticket e1 = issue(2, PriorityClass::Priority80, consulta);
    at(4);
    const Ticket p1 = issue(3, PriorityClass::Priority, consulta);
    at(5);
    issue(4, PriorityClass::Normal, consulta);
    at(12);
    ASSERT_EQ(callNext(room), e1.id); // waited 10
    at(13);
    act(e1.id, TicketAction::Start);
    at(25);
    act(e1.id, TicketAction::Finish); // 12 in service
    at(26);
    ASSERT_EQ(callNext(room), p1.id); // waited 22
    at(29);
    ASSERT_TRUE(store.calling().recall(p1.id, desk).ok()); // a recall does not change the wait
    at(30);
    act(p1.id, TicketAction::NoShow);
    at(31);
    ASSERT_EQ(callNext(room), n1.id); // waited 31, then sent on to the lab keeping its arrival
    ASSERT_TRUE(store.calling().redirect(n1.id, exames, desk).ok());
    at(40);
    ASSERT_EQ(callNext(lab), n1.id);
    at(41);
    act(n1.id, TicketAction::Start);
    at(45);
    act(n1.id, TicketAction::Finish); // 4 in service

    const DayReport report = buildDayReport(store.tickets(), store.tickets().currentDay(), clock.nowMs());
    EXPECT_EQ(report.day, u"2026-11-24"_s);
    ASSERT_EQ(report.rows.size(), 4);
    // Ordered by service, then 80+, priority, normal.
    EXPECT_EQ(report.rows[0].priority, PriorityClass::Priority80);
    EXPECT_EQ(report.rows[1].priority, PriorityClass::Priority);

    const ReportFigures elder = find(report.rows, u"Consulta"_s, PriorityClass::Priority80).figures;
    EXPECT_EQ(elder.issued, 1);
    EXPECT_EQ(elder.served, 1);
    EXPECT_EQ(elder.waitAvgMs, 10 * kMin);
    EXPECT_EQ(elder.serviceAvgMs, 12 * kMin);

    const ReportFigures pri = find(report.rows, u"Consulta"_s, PriorityClass::Priority).figures;
    EXPECT_EQ(pri.noShows, 1);
    EXPECT_EQ(pri.served, 0);
    EXPECT_EQ(pri.waitAvgMs, 22 * kMin);
    EXPECT_FALSE(pri.serviceAvgMs.has_value());

    const ReportFigures waiting = find(report.rows, u"Consulta"_s, PriorityClass::Normal).figures;
    EXPECT_EQ(waiting.issued, 1);
    EXPECT_EQ(waiting.waitingNow, 1);
    EXPECT_FALSE(waiting.waitAvgMs.has_value()) << "nobody of it was called";

    // The transferred ticket counts once, under the service it ended in, with its first call's wait.
    const ReportFigures moved
        = find(report.rows, u"=Exames, \"laboratório\""_s, PriorityClass::Normal).figures;
    EXPECT_EQ(moved.issued, 1);
    EXPECT_EQ(moved.served, 1);
    EXPECT_EQ(moved.waitAvgMs, 31 * kMin);
    EXPECT_EQ(moved.serviceAvgMs, 4 * kMin);

    const ReportFigures total = report.total.figures;
    EXPECT_EQ(total.issued, 4);
    EXPECT_EQ(total.served, 2);
    EXPECT_EQ(total.noShows, 1);
    EXPECT_EQ(total.waitingNow, 1);
    EXPECT_EQ(total.waitAvgMs, (10 + 22 + 31) * kMin / 3);
    EXPECT_EQ(total.waitMedianMs, 22 * kMin);
    EXPECT_EQ(total.waitP90Ms, 31 * kMin);
    EXPECT_EQ(total.serviceAvgMs, 8 * kMin);

    ASSERT_EQ(report.classes.size(), 3);
    EXPECT_EQ(report.classes[0].figures.waitAvgMs, 10 * kMin);
    EXPECT_EQ(report.classes[2].figures.issued, 2);

    // The JSON reads back to the same report.
    const auto again = DayReport::fromJson(report.toJson());
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ(again->toJson(), report.toJson());
}

TEST_F(DayReportTest, CsvQuotesFieldsAndDisarmsFormulas)
{
    at(0);
    issue(1, PriorityClass::Normal, exames);
    const QByteArray csv
        = buildDayReport(store.tickets(), store.tickets().currentDay(), clock.nowMs()).toCsv();
    const QList<QByteArray> lines = csv.trimmed().split('\n');
    ASSERT_EQ(lines.size(), 1 + 1 + 3 + 1 + 3);
    EXPECT_TRUE(lines[0].startsWith("dia,servico,prioridade,emitidas"));
    EXPECT_EQ(
        lines[1], QString(u"2026-11-24,\"'=Exames, \"\"laboratório\"\"\",normal,1,0,0,1,,,,,0,,"_s).toUtf8());
    EXPECT_EQ(lines[5], "2026-11-24,todos,todas,1,0,0,1,,,,,0,,");
    EXPECT_EQ(lines[6], "") << "the appointments are a table of their own";
}

TEST_F(DayReportTest, CsvHasTheAppointmentFiguresTheReportViewShows)
{
    DayReport report = buildDayReport(store.tickets(), store.tickets().currentDay(), clock.nowMs());
    report.appointments = { .booked = 5, .arrived = 3, .onTime = 2, .late = 1, .noShows = 1, .cancelled = 2 };
    const QList<QByteArray> lines = report.toCsv().trimmed().split('\n');
    ASSERT_GE(lines.size(), 2);
    EXPECT_EQ(lines[lines.size() - 2], "dia,consultas_agendadas,consultas_chegaram,consultas_no_horario,"
                                       "consultas_atrasadas,consultas_faltas,consultas_canceladas");
    EXPECT_EQ(lines.last(), "2026-11-24,5,3,2,1,1,2");
    // The JSON the view reads has the same figures under the names of AppointmentFigures::kFields.
    const QJsonObject json = report.toJson().value(u"appointments"_s).toObject();
    EXPECT_EQ(json, (QJsonObject { { u"booked"_s, 5 }, { u"arrived"_s, 3 }, { u"onTime"_s, 2 }, { u"late"_s, 1 },
                        { u"noShows"_s, 1 }, { u"cancelled"_s, 2 } }));
    const auto again = DayReport::fromJson(report.toJson());
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ(again->appointments.late, 1);
}

TEST_F(DayReportTest, AnEmptyDayHasZerosAndNoDurations)
{
    const DayReport report = buildDayReport(store.tickets(), u"2026-11-20"_s, clock.nowMs());
    EXPECT_TRUE(report.rows.isEmpty());
    EXPECT_EQ(report.total.figures.issued, 0);
    EXPECT_FALSE(report.total.figures.waitAvgMs.has_value());
    EXPECT_TRUE(report.toJson().value(u"total"_s).toObject().value(u"waitAvgMs"_s).isNull());
}
