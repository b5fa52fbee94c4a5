// SPDX-License-Identifier: GPL-3.0-or-later
// The pieces of enrolment and kiosk health that need no server: the code people type, the
// messages, the per-address limit, the restart count.
#include "enrolment/enrolmentcode.h"
#include "health/kioskhealth.h"
#include "protocol/messages.h"
#include "transport/addressratelimit.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

TEST(EnrolmentCode, IsEightCharactersWithoutLookAlikes)
{
    for (int i = 0; i < 200; ++i) {
        const QString code = EnrolmentCode::generate();
        ASSERT_EQ(code.size(), EnrolmentCode::kLength);
        for (QChar c : code)
            EXPECT_FALSE(u"01IO"_s.contains(c)) << code.toStdString();
        EXPECT_EQ(EnrolmentCode::normalize(EnrolmentCode::display(code)), code);
    }
    EXPECT_EQ(EnrolmentCode::display(u"K7QF9M2X"_s), u"K7QF-9M2X"_s);
}

TEST(EnrolmentCode, TypingIsForgivenButNotGuessed)
{
    EXPECT_EQ(EnrolmentCode::normalize(u" k7qf-9m2x "_s), u"K7QF9M2X"_s);
    EXPECT_EQ(EnrolmentCode::normalize(u"K7QF 9M2X"_s), u"K7QF9M2X"_s);
    EXPECT_FALSE(EnrolmentCode::normalize(u"K7QF-9M2"_s)); // too short
    EXPECT_FALSE(EnrolmentCode::normalize(u"K7QF-9M2XX"_s)); // too long
    EXPECT_FALSE(EnrolmentCode::normalize(u"K7QF-9M2O"_s)); // O is not in the alphabet
    EXPECT_FALSE(EnrolmentCode::normalize(u"K7QF_9M2X"_s));
}

TEST(EnrolmentMessages, RoundTripAndRefuseWhatIsNotForThem)
{
    const EnrolmentRequest request { u"tv"_s, u"tv-sala"_s, u"NUC"_s, u"0.1.0"_s };
    auto back = EnrolmentRequest::fromJson(request.toJson());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->toJson(), request.toJson());
    for (const char *role : { "desk", "admin", "printer" }) {
        QJsonObject o = request.toJson();
        o.insert(u"role"_s, QString::fromLatin1(role));
        auto refused = EnrolmentRequest::fromJson(o);
        ASSERT_FALSE(refused.ok()) << role;
        EXPECT_TRUE(refused.error().message.contains(u"role"_s));
    }
    const EnrolmentState approved { EnrolmentStateName::Approved, 1795420800000, u"TV da sala"_s, u"tok"_s };
    EXPECT_EQ(EnrolmentState::fromJson(approved.toJson())->toJson(), approved.toJson());
    QJsonObject noToken = approved.toJson();
    noToken.remove(u"token"_s);
    EXPECT_FALSE(EnrolmentState::fromJson(noToken).ok());
    auto approval = EnrolmentApproval::fromJson({ { u"code"_s, u"k7qf-9m2x"_s }, { u"name"_s, u" TV "_s } });
    ASSERT_TRUE(approval.ok());
    EXPECT_EQ(approval->code, u"K7QF9M2X"_s);
    EXPECT_EQ(approval->name, u"TV"_s);
}

TEST(DeviceStatus, CarriesTheKioskHealth)
{
    DeviceStatus s;
    s.version = u"0.1.0"_s;
    s.uptimeS = 90;
    s.diskFreeBytes = -1;
    s.restarts24h = 3;
    auto back = DeviceStatus::fromJson(s.toJson());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->uptimeS, 90);
    EXPECT_EQ(back->diskFreeBytes, -1);
    EXPECT_EQ(back->restarts24h, 3);
    // An older kiosk that sends none of them is still read.
    auto old = DeviceStatus::fromJson({ { u"version"_s, u"0.0.9"_s } });
    ASSERT_TRUE(old.ok());
    EXPECT_EQ(old->diskFreeBytes, -1);
}

TEST(AddressRateLimit, CountsPerAddressInASlidingWindow)
{
    ManualClock clock(QDateTime::fromMSecsSinceEpoch(1795420800000, Qt::UTC));
    server::AddressRateLimit limit(clock, 2, 60000);
    EXPECT_EQ(limit.take(u"10.0.0.1"_s), 0);
    clock.advanceMs(20000);
    EXPECT_EQ(limit.take(u"10.0.0.1"_s), 0);
    EXPECT_EQ(limit.take(u"10.0.0.1"_s), 40); // the first one leaves the window in 40 s
    EXPECT_EQ(limit.take(u"10.0.0.2"_s), 0); // another address is not held up
    clock.advanceMs(40000);
    EXPECT_EQ(limit.take(u"10.0.0.1"_s), 0);
}

TEST(KioskHealth, CountsRestartsInTheLastDayFromItsFile)
{
    QTemporaryDir dir;
    const qint64 t0 = 1795420800000;
    constexpr qint64 hour = 60 * 60 * 1000;
    {
        KioskHealth health(dir.path());
        health.recordStart(t0); // yesterday's boot
        health.recordStart(t0 + 20 * hour);
        health.recordStart(t0 + 25 * hour); // crash, restarted by systemd
    }
    KioskHealth health(dir.path());
    health.recordStart(t0 + 25 * hour + 5000);
    EXPECT_EQ(health.startsInLastDay(t0 + 25 * hour + 5000), 3);
    DeviceStatus s;
    health.fill(s, t0 + 25 * hour + 5000);
    EXPECT_EQ(s.restarts24h, 2); // the first start of the day is not a restart
    EXPECT_GT(s.diskFreeBytes, 0);
    EXPECT_GE(s.uptimeS, 0);
}
