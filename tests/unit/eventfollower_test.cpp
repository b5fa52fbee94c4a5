// SPDX-License-Identifier: GPL-3.0-or-later
// Two stores on one database stand for two server instances: what "the other instance"
// commits reaches this one's subscribers in seq order, once, however the news arrives.
#include "events/eventfollower.h"
#include "events/pgnotifylistener.h"
#include "storage/queuestore.h"
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

class EventFollowerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(test::openTestStore(here, dir.path()).ok());
        ASSERT_TRUE(test::openTestStore(elsewhere, dir.path()).ok());
        here.work().onEventCommitted = [this](const Event &e) { follower.committed(e); };
        follower.deliver = [this](const Event &e, bool local) { delivered << Delivery { e.seq, local }; };
        ASSERT_TRUE(follower.start().ok());
    }

    // One committed event (settings.changed) on `store`; its seq.
    qint64 changeOn(QueueStore &store, const QString &notice)
    {
        DisplaySettings settings;
        settings.notice = notice;
        EXPECT_TRUE(store.catalog().setDisplaySettings(settings).ok());
        return store.events().lastSeq();
    }

    QUrl databaseUrl() { return DatabaseAddress::parse(test::testDatabaseFor(dir.path()))->url(); }

    // LISTEN takes effect on the listener's thread a moment after start(): commits until one
    // of them is heard.
    bool startsHearing(const QList<qint64> &heard)
    {
        int commits = 0;
        return test::spinUntil(
            [&] {
                changeOn(elsewhere, u"Aviso %1"_s.arg(++commits));
                return test::spinUntil([&] { return !heard.isEmpty(); }, 200);
            },
            10000);
    }

    struct Delivery
    {
        qint64 seq = 0;
        bool local = false;
        bool operator==(const Delivery &) const = default;
    };

    QTemporaryDir dir;
    ManualClock clock { QDateTime::currentDateTimeUtc() };
    QueueStore here { clock, BusinessDay() }; // this instance
    QueueStore elsewhere { clock, BusinessDay() }; // another instance on the same database
    EventFollower follower { here.events(), here.database() };
    QList<Delivery> delivered;
};

} // namespace

TEST_F(EventFollowerTest, ALocalCommitAheadOfAnotherInstancesEventDeliversThatOneFirst)
{
    const qint64 theirs = changeOn(elsewhere, u"A"_s); // its notification is still on the way
    const qint64 ours = changeOn(here, u"B"_s);
    ASSERT_EQ(ours, theirs + 1);
    EXPECT_EQ(delivered, (QList<Delivery> { { theirs, false }, { ours, true } }));

    follower.heardOf(theirs); // the late notification: nothing twice
    follower.heardOf(ours); // this instance's own, heard back
    EXPECT_EQ(delivered.size(), 2);
}

TEST_F(EventFollowerTest, APollFindsWhatNoNotificationAnnounced)
{
    const qint64 first = changeOn(elsewhere, u"A"_s);
    const qint64 second = changeOn(elsewhere, u"B"_s);
    EXPECT_TRUE(delivered.isEmpty());

    follower.heardOf(0);
    EXPECT_EQ(delivered, (QList<Delivery> { { first, false }, { second, false } }));
    follower.heardOf(0);
    follower.heardOf(second);
    EXPECT_EQ(delivered.size(), 2);
}

TEST_F(EventFollowerTest, ANotificationDeliversEverythingUpToItsSeqInOrder)
{
    const qint64 first = changeOn(elsewhere, u"A"_s);
    const qint64 second = changeOn(elsewhere, u"B"_s);
    const qint64 third = changeOn(elsewhere, u"C"_s);

    follower.heardOf(second); // the first one's notification was lost
    EXPECT_EQ(delivered, (QList<Delivery> { { first, false }, { second, false } }));
    follower.heardOf(third);
    ASSERT_EQ(delivered.size(), 3);
    EXPECT_EQ(delivered.last(), (Delivery { third, false }));
}

TEST_F(EventFollowerTest, OnPostgresEveryCommittedEventIsNotifiedWithItsSeq)
{
    if (!test::testsRunOnPostgres())
        GTEST_SKIP() << "LISTEN/NOTIFY is PostgreSQL's";
    PgNotifyListener listener(databaseUrl());
    QList<qint64> heard;
    QObject::connect(&listener, &PgNotifyListener::heard, &listener, [&](qint64 seq) { heard << seq; });
    listener.start();
    ASSERT_TRUE(startsHearing(heard));

    const qint64 next = changeOn(elsewhere, u"Z"_s);
    ASSERT_TRUE(test::spinUntil([&] { return heard.contains(next); }, 5000));
    EXPECT_EQ(heard.last(), next);
}

TEST_F(EventFollowerTest, OnPostgresTheListenerComesBackWhenItsConnectionIsCut)
{
    if (!test::testsRunOnPostgres())
        GTEST_SKIP() << "LISTEN/NOTIFY is PostgreSQL's";
    PgNotifyListener listener(databaseUrl());
    QList<qint64> heard;
    bool resumed = false;
    QObject::connect(&listener, &PgNotifyListener::heard, &listener, [&](qint64 seq) { heard << seq; });
    QObject::connect(&listener, &PgNotifyListener::resumed, &listener, [&] { resumed = true; });
    listener.start();
    ASSERT_TRUE(startsHearing(heard));

    // Every connection of the server's goes, the listener's among them (a database restart,
    // a network cut).
    {
        QSqlDatabase admin = test::connectionToTestDatabase(dir.path(), u"admin"_s);
        ASSERT_TRUE(admin.open());
        QSqlQuery cut(admin);
        ASSERT_TRUE(cut.exec(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                             " WHERE application_name = 'clinico-server'"_s));
    }
    QSqlDatabase::removeDatabase(u"admin"_s);
    ASSERT_TRUE(test::spinUntil([&] { return resumed; }, 3 * PgNotifyListener::kCheckInterval.count()));

    QueueStore later { clock, BusinessDay() };
    ASSERT_TRUE(test::openTestStore(later, dir.path()).ok());
    const qint64 after = changeOn(later, u"Depois do corte"_s);
    EXPECT_TRUE(test::spinUntil([&] { return heard.contains(after); }, 5000));
}

TEST_F(EventFollowerTest, TheDayRollsOverOnceWhenBothInstancesGetThere)
{
    ASSERT_TRUE(here.tickets().rolloverTo(u"2026-12-07"_s).ok());
    ASSERT_EQ(elsewhere.tickets().currentDay(), u"2026-12-07"_s);
    const qint64 before = here.events().lastSeq();

    ASSERT_TRUE(elsewhere.tickets().rolloverTo(u"2026-12-08"_s).ok());
    // This instance's reset timer fires a moment later, its day still the 7th in memory.
    const auto again = here.tickets().rolloverTo(u"2026-12-08"_s);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(here.events().lastSeq(), before + 1) << "one day.reset, not two";
    EXPECT_EQ(here.tickets().currentDay(), u"2026-12-08"_s);
}
