// SPDX-License-Identifier: GPL-3.0-or-later
#include "announce/announcementqueue.h"
#include "support/recordingannouncer.h"
#include "support/testclients.h"

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::tv;
using namespace clinico::voice;
using namespace Qt::StringLiterals;

namespace {

protocol::CallAnnouncement call(qint64 id, const QString &code)
{
    protocol::CallAnnouncement c;
    c.ticketId = id;
    c.code = code;
    c.counterName = u"Consultório 3"_s;
    c.calledAtMs = id;
    return c;
}

AnnouncementQueue::Options fastOptions()
{
    AnnouncementQueue::Options o;
    o.minPresentMs = 0;
    return o;
}

const QDateTime kNoon(QDate(2026, 11, 24), QTime(12, 0), Qt::LocalTime);

TEST(AnnouncementQueue, BurstIsSpokenInOrderOneAtATimeNoneSkipped)
{
    ManualClock clock(kNoon);
    test::RecordingAnnouncer announcer(20);
    AnnouncementQueue queue(&announcer, clock, fastOptions());
    QStringList started;
    QObject::connect(&queue, &AnnouncementQueue::started,
        [&](const protocol::CallAnnouncement &c, const QString &) { started << c.code; });
    for (int i = 1; i <= 10; ++i)
        queue.enqueue(call(i, u"CN%1"_s.arg(i, 3, 10, QLatin1Char('0'))));
    ASSERT_TRUE(test::spinUntil([&] { return announcer.texts.size() == 10 && !queue.isBusy(); }, 5000));
    EXPECT_EQ(announcer.overlaps, 0);
    EXPECT_EQ(started.size(), 10);
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(started[i], u"CN%1"_s.arg(i + 1, 3, 10, QLatin1Char('0')));
    EXPECT_EQ(announcer.texts.first(), u"Senha cê êne zero zero um, consultório três."_s);
    EXPECT_EQ(announcer.texts.last(), u"Senha cê êne zero dez, consultório três."_s);
}

TEST(AnnouncementQueue, NextWaitsForTheCurrentAnnouncementToFinish)
{
    ManualClock clock(kNoon);
    test::RecordingAnnouncer announcer(300);
    AnnouncementQueue queue(&announcer, clock, fastOptions());
    queue.enqueue(call(1, u"CN001"_s));
    queue.enqueue(call(2, u"CN002"_s));
    test::spinUntil([] { return false; }, 150);
    EXPECT_EQ(announcer.texts.size(), 1) << "the second call must wait";
    ASSERT_TRUE(test::spinUntil([&] { return announcer.texts.size() == 2; }, 2000));
    EXPECT_EQ(announcer.overlaps, 0);
}

TEST(AnnouncementQueue, EachCallIsPresentedAtLeastTheHighlightTime)
{
    ManualClock clock(kNoon);
    test::RecordingAnnouncer announcer(0);
    auto o = fastOptions();
    o.minPresentMs = 250;
    AnnouncementQueue queue(&announcer, clock, o);
    QElapsedTimer t;
    t.start();
    queue.enqueue(call(1, u"CN001"_s));
    queue.enqueue(call(2, u"CN002"_s));
    ASSERT_TRUE(test::spinUntil([&] { return announcer.texts.size() == 2; }, 2000));
    EXPECT_GE(t.elapsed(), 240) << "the second call replaced the first too soon";
}

TEST(AnnouncementQueue, QuietHoursShowButDoNotSpeak)
{
    ManualClock clock(QDateTime(QDate(2026, 11, 24), QTime(23, 30), Qt::LocalTime));
    test::RecordingAnnouncer announcer(0);
    auto o = fastOptions();
    o.quietHours = *QuietHours::parse(u"22:00-07:00"_s);
    AnnouncementQueue queue(&announcer, clock, o);
    int started = 0;
    QObject::connect(&queue, &AnnouncementQueue::started, [&] { ++started; });
    queue.enqueue(call(1, u"CN001"_s));
    ASSERT_TRUE(test::spinUntil([&] { return !queue.isBusy() && started == 1; }, 2000));
    EXPECT_TRUE(announcer.texts.isEmpty());
    clock.set(QDateTime(QDate(2026, 11, 25), QTime(7, 0), Qt::LocalTime));
    queue.enqueue(call(2, u"CN002"_s));
    ASSERT_TRUE(test::spinUntil([&] { return announcer.texts.size() == 1; }, 2000));
}

TEST(AnnouncementQueue, VolumeAndChimeReachTheAnnouncer)
{
    ManualClock clock(kNoon);
    test::RecordingAnnouncer announcer(0);
    auto o = fastOptions();
    o.volume = 0.35;
    AnnouncementQueue queue(&announcer, clock, o);
    queue.enqueue(call(1, u"CN001"_s));
    ASSERT_TRUE(test::spinUntil([&] { return announcer.texts.size() == 1; }, 2000));
    EXPECT_DOUBLE_EQ(announcer.lastVolume, 0.35);
    EXPECT_EQ(announcer.chimes, 1);
}

TEST(AnnouncementQueue, VolumeZeroIsSilent)
{
    ManualClock clock(kNoon);
    test::RecordingAnnouncer announcer(0);
    auto o = fastOptions();
    o.volume = 0;
    AnnouncementQueue queue(&announcer, clock, o);
    queue.enqueue(call(1, u"CN001"_s));
    ASSERT_TRUE(test::spinUntil([&] { return !queue.isBusy(); }, 2000));
    EXPECT_TRUE(announcer.texts.isEmpty());
}

// An announcer that never says it finished (speechd with no audio device).
class StuckAnnouncer final : public Announcer
{
public:
    void announce(const QString &text, bool, double) override { texts << text; }
    QStringList texts;
};

TEST(AnnouncementQueue, AStuckVoiceDoesNotStopTheCallsThatFollow)
{
    ManualClock clock(kNoon);
    StuckAnnouncer announcer;
    auto o = fastOptions();
    o.watchdogBaseMs = 100;
    o.watchdogPerCharMs = 0;
    AnnouncementQueue queue(&announcer, clock, o);
    queue.enqueue(call(1, u"CN001"_s));
    queue.enqueue(call(2, u"CN002"_s));
    ASSERT_TRUE(test::spinUntil([&] { return announcer.texts.size() == 2; }, 3000));
}

} // namespace
