// SPDX-License-Identifier: GPL-3.0-or-later
// The nightly retention job: old tickets lose their patient link; totem-only CPF records that
// nothing uses any more go; the registry and the report figures stay.
#include "report/dayreport.h"
#include "reset/dailyreset.h"
#include "retention/retentionjob.h"
#include "storage/queuestore.h"
#include "storage/schema.h"
#include "support/testclients.h"
#include "support/teststore.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::server;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

QDateTime saoPaulo(QDate day, int hour)
{
    return QDateTime(day, QTime(hour, 0), QTimeZone("America/Sao_Paulo")).toUTC();
}

class RetentionTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(test::openTestStore(store, dir.path()).ok());
        ASSERT_TRUE(reset.ensureCurrent().ok());
        consulta = store.catalog().addService(u"C"_s, u"Consulta"_s)->id;
        totem = store.devices().addDevice(u"Totem"_s, Role::Totem, "h1")->id;
    }

    void issue(int seed)
    {
        IssueTicketRequest r;
        r.cpf = test::validCpf(seed);
        r.serviceId = consulta;
        r.idempotencyKey = u"retention-%1"_s.arg(seed);
        ASSERT_TRUE(store.issuing().issue(r, *Cpf::parse(r.cpf), Actor { totem, u"totem"_s }).ok());
    }

    int count(const QString &sql)
    {
        QSqlQuery q(store.database().connection().db());
        return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
    }

    QTemporaryDir dir;
    ManualClock clock { saoPaulo(QDate(2026, 8, 1), 9) };
    QueueStore store { clock, BusinessDay() };
    DailyReset reset { store, clock };
    qint64 consulta = 0, totem = 0;
};

} // namespace

TEST_F(RetentionTest, OldTicketsLoseThePatientAndUnusedCpfsGo)
{
    ASSERT_TRUE(store.patients()
                    .setPatient(*Cpf::parse(test::validCpf(2)), u"Maria Souza"_s, QDate(1940, 5, 1))
                    .ok());
    issue(1); // a totem-only CPF, on 1 Aug
    issue(2); // a registry patient, on 1 Aug
    clock.set(saoPaulo(QDate(2026, 11, 20), 9));
    ASSERT_TRUE(reset.ensureCurrent().ok());
    issue(3); // recent
    ASSERT_TRUE(store.catalog().setSetting(SettingKey::RetentionDays, u"30"_s).ok());

    RetentionJob job(store, clock);
    const auto out = job.runOnce();
    ASSERT_TRUE(out.ok()) << out.error().message.toStdString();
    EXPECT_EQ(out->cutoffDay, u"2026-10-21"_s);
    EXPECT_EQ(out->ticketsUnlinked, 2);
    EXPECT_EQ(out->patientsRemoved, 1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM tickets WHERE patient_id IS NULL"_s), 2);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM patients"_s), 2) << "the registry patient and the recent one stay";
    EXPECT_FALSE(store.patients().lookupPatient(*Cpf::parse(test::validCpf(1))).known);
    EXPECT_TRUE(store.patients().lookupPatient(*Cpf::parse(test::validCpf(2))).known);
    // The figures of the old day are still there.
    EXPECT_EQ(buildDayReport(store.tickets(), u"2026-08-01"_s, clock.nowMs()).total.figures.issued, 2);
    // It is audited, and running it again changes nothing.
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM audit WHERE action = 'retention'"_s), 1);
    const auto again = job.runOnce();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->ticketsUnlinked, 0);
    EXPECT_EQ(again->patientsRemoved, 0);
}
