// SPDX-License-Identifier: GPL-3.0-or-later
#include "feed/callfeed.h"
#include "feed/tvcache.h"
#include "qstringprinter.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::tv;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow(QDate(2026, 11, 24), QTime(14, 0), Qt::UTC);

CallAnnouncement call(qint64 id, qint64 serviceId = 1, qint64 counterId = 3, int secondsAgo = 1)
{
    CallAnnouncement c;
    c.ticketId = id;
    c.code = u"CN%1"_s.arg(id, 3, 10, QLatin1Char('0'));
    c.serviceId = serviceId;
    c.serviceName = u"Consulta"_s;
    c.counterId = counterId;
    c.counterName = u"Consultório %1"_s.arg(counterId);
    c.calledAtMs = kNow.addSecs(-secondsAgo).toMSecsSinceEpoch();
    return c;
}

Event calledEvent(qint64 seq, const CallAnnouncement &c)
{
    return Event { seq, EventKind::TicketCalled, c.calledAtMs, c.toJson() };
}

struct Recorder
{
    explicit Recorder(CallFeed &feed)
    {
        QObject::connect(
            &feed, &CallFeed::announceRequested, [this](const CallAnnouncement &c) { announced << c.code; });
        QObject::connect(&feed, &CallFeed::callAdded, [this](const CallAnnouncement &c) { added << c.code; });
    }
    QStringList announced;
    QStringList added;
};

TEST(CallFeed, NewCallIsShownFirstAndAnnounced)
{
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, {});
    Recorder r(feed);
    feed.applyEvent(calledEvent(1, call(1)));
    feed.applyEvent(calledEvent(2, call(2)));
    ASSERT_EQ(feed.calls().size(), 2);
    EXPECT_EQ(feed.calls().first().code, u"CN002"_s);
    EXPECT_EQ(r.announced, (QStringList { u"CN001"_s, u"CN002"_s }));
    EXPECT_EQ(feed.lastSeq(), 2);
}

TEST(CallFeed, ReplayedEventIsNotShownTwice)
{
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, {});
    Recorder r(feed);
    feed.applyEvent(calledEvent(1, call(1)));
    feed.applyEvent(calledEvent(1, call(1))); // same seq again
    feed.applyEvent(calledEvent(5, call(1))); // same call-out under another seq
    EXPECT_EQ(feed.calls().size(), 1);
    EXPECT_EQ(r.announced.size(), 1);
}

TEST(CallFeed, RecallIsANewCallOut)
{
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, {});
    Recorder r(feed);
    feed.applyEvent(calledEvent(1, call(1, 1, 3, 30)));
    CallAnnouncement again = call(1, 1, 3, 2);
    again.recall = true;
    feed.applyEvent(calledEvent(2, again));
    EXPECT_EQ(feed.calls().size(), 2);
    EXPECT_TRUE(feed.calls().first().recall);
    EXPECT_EQ(r.announced.size(), 2);
}

TEST(CallFeed, OldCallsAreShownButNotAnnouncedLate)
{
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, CallFeed::Options { {}, 120000, 30 });
    Recorder r(feed);
    feed.applyEvent(calledEvent(1, call(1, 1, 3, 121)));
    feed.applyEvent(calledEvent(2, call(2, 1, 3, 119)));
    EXPECT_EQ(r.added.size(), 2);
    EXPECT_EQ(r.announced, QStringList { u"CN002"_s });
}

TEST(CallFeed, AgeUsesTheServerClockNotTheTvClock)
{
    ManualClock clock(kNow.addSecs(600)); // this TV's clock runs 10 minutes fast
    CallFeed feed(nullptr, clock, {});
    feed.setServerClockOffsetMs(-600000);
    Recorder r(feed);
    feed.applyEvent(calledEvent(1, call(1)));
    EXPECT_EQ(r.announced.size(), 1);
}

TEST(CallFeed, FilterShowsOnlyThisTvsServicesAndCounters)
{
    ManualClock clock(kNow);
    CallFilter filter;
    filter.serviceIds = { 2 };
    CallFeed feed(nullptr, clock, CallFeed::Options { filter, 120000, 30 });
    Recorder r(feed);
    feed.applyEvent(calledEvent(1, call(1, 1)));
    feed.applyEvent(calledEvent(2, call(2, 2)));
    EXPECT_EQ(r.added, QStringList { u"CN002"_s });
    EXPECT_EQ(feed.lastSeq(), 2) << "filtered events still move the sequence on";

    CallFilter byCounter;
    byCounter.counterIds = { 5 };
    CallFeed lab(nullptr, clock, CallFeed::Options { byCounter, 120000, 30 });
    lab.applyEvent(calledEvent(1, call(1, 1, 3)));
    lab.applyEvent(calledEvent(2, call(2, 1, 5)));
    ASSERT_EQ(lab.calls().size(), 1);
    EXPECT_EQ(lab.calls().first().counterId, 5);
}

TEST(CallFeed, FirstSnapshotFillsTheHistoryWithoutAnnouncing)
{
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, {});
    Recorder r(feed);
    Snapshot s;
    s.seq = 10;
    s.recentCalls = { call(3), call(2), call(1) };
    s.settings.clinicName = u"Clínica"_s;
    feed.applySnapshot(s);
    EXPECT_EQ(feed.calls().size(), 3);
    EXPECT_TRUE(r.announced.isEmpty());
    EXPECT_EQ(feed.settings().clinicName, u"Clínica"_s);
    EXPECT_EQ(feed.lastSeq(), 10);
}

TEST(CallFeed, SnapshotAfterALongAbsenceAnnouncesWhatWasMissedInOrder)
{
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, {});
    feed.applyEvent(calledEvent(1, call(1)));
    Recorder r(feed);
    Snapshot s;
    s.seq = 2000;
    s.recentCalls = { call(4, 1, 3, 5), call(3, 1, 3, 10), call(2, 1, 3, 400), call(1) };
    feed.applySnapshot(s);
    EXPECT_EQ(r.announced, (QStringList { u"CN003"_s, u"CN004"_s }))
        << "CN002 is too old, CN001 was already said";
    EXPECT_EQ(feed.calls().size(), 4);
}

TEST(CallFeed, DayResetClearsTheScreen)
{
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, {});
    feed.applyEvent(calledEvent(1, call(1)));
    feed.applyEvent(Event {
        2, EventKind::DayReset, 0, QJsonObject { { u"day"_s, u"2026-11-25"_s }, { u"expired"_s, 0 } } });
    EXPECT_TRUE(feed.calls().isEmpty());
    EXPECT_EQ(feed.lastSeq(), 2);
}

TEST(CallFeed, KeepsOnlyTheRecentCalls)
{
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, CallFeed::Options { {}, 120000, 5 });
    for (int i = 1; i <= 50; ++i)
        feed.applyEvent(calledEvent(i, call(i)));
    ASSERT_EQ(feed.calls().size(), 5);
    EXPECT_EQ(feed.calls().first().ticketId, 50);
    EXPECT_EQ(feed.calls().last().ticketId, 46);
}

TEST(CallFeed, RestoresItsLastStateFromTheCache)
{
    QTemporaryDir dir;
    ManualClock clock(kNow);
    {
        TvCache cache;
        ASSERT_TRUE(cache.open(dir.filePath(u"tv.sqlite"_s)).ok());
        CallFeed feed(&cache, clock, {});
        Snapshot s;
        s.seq = 7;
        s.settings.clinicName = u"Clínica Boa Saúde"_s;
        s.settings.notice = u"Use máscara"_s;
        s.recentCalls = { call(2), call(1) };
        feed.applySnapshot(s);
        feed.applyEvent(calledEvent(8, call(3)));
        feed.applyEvent(Event { 9, EventKind::TicketIssued, 0, {} });
    }
    TvCache cache;
    ASSERT_TRUE(cache.open(dir.filePath(u"tv.sqlite"_s)).ok());
    CallFeed feed(&cache, clock, {});
    Recorder r(feed);
    feed.restore();
    EXPECT_EQ(feed.lastSeq(), 9);
    ASSERT_EQ(feed.calls().size(), 3);
    EXPECT_EQ(feed.calls().first().code, u"CN003"_s);
    EXPECT_EQ(feed.settings().clinicName, u"Clínica Boa Saúde"_s);
    EXPECT_EQ(feed.settings().notice, u"Use máscara"_s);
    EXPECT_TRUE(r.announced.isEmpty()) << "a reboot must not repeat old calls";
}

TEST(CallFeed, TheLogoShownIsTheOneTheSettingsName)
{
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, {});
    DisplaySettings s;
    s.logoUrl = u"/logo.png"_s;
    feed.applySettings(s);
    feed.applyLogo(u"/logo.png"_s, "PNG");
    EXPECT_EQ(feed.logo(), QByteArray("PNG"));
    s.logoUrl = u"/novo-logo.png"_s; // the clinic changed it: the old one is not shown meanwhile
    feed.applySettings(s);
    EXPECT_TRUE(feed.logo().isEmpty());
}

} // namespace
