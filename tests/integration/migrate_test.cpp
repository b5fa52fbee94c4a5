// SPDX-License-Identifier: GPL-3.0-or-later
// `clinico-server migrate`: a clinic's SQLite data moved into a PostgreSQL database of the
// test's own, checked through what staff see (the day report) and what TVs follow (the
// event sequence).
#include "report/dayreport.h"
#include "reset/dailyreset.h"
#include "storage/queuestore.h"
#include "support/privatepostgres.h"
#include "support/testclients.h"

#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::server;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMin = 60000;

int runMigrate(const QString &from, const QString &to, QString *errors)
{
    QProcess p;
    p.start(QStringLiteral(CLINICO_SERVER_BINARY), { u"migrate"_s, u"--from"_s, from, u"--to"_s, to });
    p.waitForFinished(60000);
    *errors = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

class MigrateTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (test::PrivatePostgres::binDir().isEmpty())
            GTEST_SKIP() << "PostgreSQL 15 is not installed (scripts/install-deps.sh installs it)";
        ASSERT_TRUE(postgres.start()) << postgres.log().toStdString();
        ASSERT_TRUE(postgres.createDatabase(u"clinic"_s));
    }

    Status open(QueueStore &store, const QString &database)
    {
        return store.open(*DatabaseAddress::parse(database), dir.path() + u"/keys/patient.keys"_s);
    }
    void at(int minute) { clock.set(start.addMSecs(minute * kMin)); }
    Ticket issue(QueueStore &store, int seed, PriorityClass p, qint64 service)
    {
        IssueTicketRequest r;
        r.cpf = test::validCpf(seed);
        r.serviceId = service;
        r.priority = p;
        r.idempotencyKey = u"migrate-key-%1"_s.arg(seed);
        auto out = store.issuing().issue(r, *Cpf::parse(r.cpf), Actor { 1, u"totem"_s });
        EXPECT_TRUE(out.ok()) << (out ? "" : out.error().message.toStdString());
        return out ? out->response.ticket : Ticket {};
    }
    QByteArray report(QueueStore &store)
    {
        const DayReport r = buildDayReport(store.tickets(), store.tickets().currentDay(), clock.nowMs());
        return QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact);
    }

    QTemporaryDir dir;
    test::PrivatePostgres postgres;
    const QDateTime start
        = QDateTime(QDate(2026, 11, 24), QTime(8, 0), QTimeZone("America/Sao_Paulo")).toUTC();
    ManualClock clock { start };
    const Actor desk { 0, u"user:ana"_s };
};

} // namespace

TEST_F(MigrateTest, TheDayReportIsTheSameAndTheEventSequenceGoesOnAfterMovingToPostgres)
{
    QByteArray before;
    qint64 lastSeq = 0;
    {
        QueueStore sqlite { clock, BusinessDay() };
        ASSERT_TRUE(open(sqlite, u"sqlite:"_s + dir.path()).ok());
        DailyReset reset { sqlite, clock };
        ASSERT_TRUE(reset.ensureCurrent().ok());
        const qint64 consulta = sqlite.catalog().addService(u"C"_s, u"Consulta"_s)->id;
        const qint64 exames = sqlite.catalog().addService(u"E"_s, u"Exames"_s)->id;
        const qint64 room = sqlite.catalog().addCounter(u"Consultório 1"_s, { consulta })->id;
        const qint64 lab = sqlite.catalog().addCounter(u"Coleta"_s, { exames })->id;
        ASSERT_TRUE(sqlite.devices().addDevice(u"Totem"_s, Role::Totem, "h1").ok());
        at(0);
        issue(sqlite, 1, PriorityClass::Normal, consulta);
        at(3);
        const Ticket elder = issue(sqlite, 2, PriorityClass::Priority80, consulta);
        issue(sqlite, 3, PriorityClass::Normal, exames);
        at(9);
        ASSERT_EQ(sqlite.calling().callNext(room, desk)->ticket->id, elder.id);
        at(10);
        ASSERT_TRUE(sqlite.calling().act(elder.id, TicketAction::Start, desk).ok());
        at(21);
        ASSERT_TRUE(sqlite.calling().act(elder.id, TicketAction::Finish, desk).ok());
        at(22);
        ASSERT_TRUE(sqlite.calling().callNext(lab, desk).ok());
        before = report(sqlite);
        lastSeq = sqlite.events().lastSeq();
        ASSERT_GT(lastSeq, 5);
    }

    QString errors;
    ASSERT_EQ(runMigrate(u"sqlite:"_s + dir.path(), postgres.url(u"clinic"_s), &errors), 0)
        << errors.toStdString();

    QueueStore moved { clock, BusinessDay() };
    ASSERT_TRUE(open(moved, postgres.url(u"clinic"_s)).ok());
    EXPECT_EQ(report(moved), before);
    EXPECT_EQ(moved.events().lastSeq(), lastSeq);
    // The clinic goes on where it was: the next ticket of the day is numbered after the others,
    // its event follows the last one, and ids go on after the copied ones.
    at(30);
    const qint64 consulta = moved.catalog().services().first().id;
    const Ticket next = issue(moved, 4, PriorityClass::Normal, consulta);
    EXPECT_EQ(next.code, u"CN002"_s);
    EXPECT_EQ(moved.events().lastSeq(), lastSeq + 1);
    EXPECT_EQ(next.id, 4);
    auto added = moved.catalog().addService(u"R"_s, u"Raio-X"_s);
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    EXPECT_EQ(added->id, 3);
}

TEST_F(MigrateTest, ADatabaseThatHoldsDataIsRefusedAndKeepsIt)
{
    {
        QueueStore target { clock, BusinessDay() };
        ASSERT_TRUE(open(target, postgres.url(u"clinic"_s)).ok());
        ASSERT_TRUE(target.catalog().addService(u"X"_s, u"Existente"_s).ok());
        QueueStore sqlite { clock, BusinessDay() };
        ASSERT_TRUE(open(sqlite, u"sqlite:"_s + dir.path()).ok());
        ASSERT_TRUE(sqlite.catalog().addService(u"C"_s, u"Consulta"_s).ok());
    }
    QString errors;
    EXPECT_NE(runMigrate(u"sqlite:"_s + dir.path(), postgres.url(u"clinic"_s), &errors), 0);
    EXPECT_TRUE(errors.contains(u"já tem dados"_s)) << errors.toStdString();
    QueueStore target { clock, BusinessDay() };
    ASSERT_TRUE(open(target, postgres.url(u"clinic"_s)).ok());
    ASSERT_EQ(target.catalog().services().size(), 1);
    EXPECT_EQ(target.catalog().services().first().prefix, u"X"_s);
}
