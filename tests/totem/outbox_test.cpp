// SPDX-License-Identifier: GPL-3.0-or-later
#include "outbox/outbox.h"
#include "support/testclients.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::totem;
using namespace Qt::StringLiterals;

namespace {
class OutboxTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(outbox.open(dir.filePath(u"totem.sqlite"_s)).ok()); }
    QTemporaryDir dir;
    Outbox outbox;
    const QString day = u"2026-11-24"_s;
    const QString cpf = test::validCpf(1).remove(u'.').remove(u'-');
};
} // namespace

TEST_F(OutboxTest, OfflineTicketsTakeLeasedNumbersInOrderThenTaggedCodes)
{
    ASSERT_TRUE(outbox.addLease({ 7, day, 1, PriorityClass::Normal, 501, 502 }).ok());
    QStringList codes;
    for (int i = 0; i < 4; ++i) {
        auto e = outbox.add(cpf, 1, PriorityClass::Normal, 1000 + i, u"key-%1-abcdef"_s.arg(i));
        ASSERT_TRUE(e.ok());
        auto offline = outbox.issueOffline(e->id, day, u"C"_s, u"T1"_s);
        ASSERT_TRUE(offline.ok());
        EXPECT_EQ(offline->state, OutboxState::Offline);
        codes << offline->code;
    }
    EXPECT_EQ(codes, (QStringList { u"CN501"_s, u"CN502"_s, u"CN-T1-001"_s, u"CN-T1-002"_s }));
    EXPECT_EQ(outbox.numbersLeft(day, 1, PriorityClass::Normal), 0);
    EXPECT_EQ(outbox.depth(), 4);

    // What the server is sent: the original time and the number (or the tagged code).
    const auto unsent = outbox.unsent();
    EXPECT_EQ(unsent[0].request().issuedAtMs, 1000);
    EXPECT_EQ(unsent[0].request().leaseId, 7);
    EXPECT_EQ(unsent[0].request().number, 501);
    EXPECT_EQ(unsent[2].request().offlineCode, u"CN-T1-001"_s);
    EXPECT_FALSE(unsent[2].request().number.has_value());
}

TEST_F(OutboxTest, LeasesOfAnotherDayAreNotUsed)
{
    ASSERT_TRUE(outbox.addLease({ 7, u"2026-11-23"_s, 1, PriorityClass::Normal, 501, 520 }).ok());
    auto e = outbox.add(cpf, 1, PriorityClass::Normal, 1000, u"key-yesterday-1"_s);
    EXPECT_EQ(outbox.issueOffline(e->id, day, u"C"_s, u"T1"_s)->code, u"CN-T1-001"_s);
    ASSERT_TRUE(outbox.dropLeasesBefore(day).ok());
    EXPECT_EQ(outbox.numbersLeft(u"2026-11-23"_s, 1, PriorityClass::Normal), 0);
}

TEST_F(OutboxTest, TheCpfIsErasedOnceTheServerHasTheTicketButReprintsAreStillFound)
{
    auto e = outbox.add(cpf, 1, PriorityClass::Priority, 5000, u"key-reprint-1"_s);
    ASSERT_TRUE(outbox.markDone(e->id, u"CP001"_s, u"tok"_s).ok());
    EXPECT_TRUE(outbox.entry(e->id)->cpf.isEmpty());
    EXPECT_EQ(outbox.depth(), 0);

    QSqlQuery raw(QSqlDatabase::database(QSqlDatabase::connectionNames().constFirst()));
    ASSERT_TRUE(raw.exec(u"SELECT cpf || cpf_key FROM outbox"_s) && raw.next());
    EXPECT_FALSE(raw.value(0).toString().contains(cpf)); // not in clear anywhere

    auto again = outbox.recentFor(cpf, 1, 4000);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->code, u"CP001"_s);
    EXPECT_FALSE(outbox.recentFor(cpf, 2, 4000).has_value()); // another service
    EXPECT_FALSE(outbox.recentFor(cpf, 1, 6000).has_value()); // outside the window
}

TEST_F(OutboxTest, ACommittedEntrySurvivesReopening)
{
    auto e = outbox.add(cpf, 1, PriorityClass::Normal, 1000, u"key-durable-1"_s);
    ASSERT_TRUE(outbox.issueOffline(e->id, day, u"C"_s, u"T1"_s).ok());
    Outbox reopened;
    ASSERT_TRUE(reopened.open(dir.filePath(u"totem.sqlite"_s)).ok());
    ASSERT_EQ(reopened.unsent().size(), 1);
    EXPECT_EQ(reopened.unsent().first().code, u"CN-T1-001"_s);
    EXPECT_EQ(reopened.unsent().first().cpf, cpf);
}

TEST_F(OutboxTest, AnUnwritableDatabaseIsAnErrorNotACrash)
{
    Outbox broken;
    auto opened = broken.open(u"/proc/clinico-cannot-write-here/totem.sqlite"_s);
    EXPECT_FALSE(opened.ok());
}
