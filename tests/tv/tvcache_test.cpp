// SPDX-License-Identifier: GPL-3.0-or-later
#include "feed/tvcache.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::tv;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

CallAnnouncement call(qint64 id)
{
    CallAnnouncement c;
    c.ticketId = id;
    c.code = u"CN%1"_s.arg(id);
    c.counterName = u"Guichê 1"_s;
    c.serviceName = u"Recepção"_s;
    c.serviceId = 1;
    c.counterId = 2;
    c.calledAtMs = 1000 + id;
    return c;
}

TEST(TvCache, EmptyCacheMeansNeverSynced)
{
    QTemporaryDir dir;
    TvCache cache;
    ASSERT_TRUE(cache.open(dir.filePath(u"c.sqlite"_s)).ok());
    auto state = cache.load();
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(state->lastSeq, -1);
    EXPECT_FALSE(state->settings.has_value());
    EXPECT_TRUE(state->calls.isEmpty());
}

TEST(TvCache, CallsAreKeptNewestFirstAndTrimmed)
{
    QTemporaryDir dir;
    TvCache cache;
    ASSERT_TRUE(cache.open(dir.filePath(u"c.sqlite"_s)).ok());
    for (int i = 1; i <= 12; ++i)
        ASSERT_TRUE(cache.recordCall(call(i), 100 + i, 10).ok());
    ASSERT_TRUE(cache.recordCall(call(12), 113, 10).ok()); // the same call-out again: ignored
    auto state = cache.load();
    ASSERT_TRUE(state.ok());
    ASSERT_EQ(state->calls.size(), 10);
    EXPECT_EQ(state->calls.first().ticketId, 12);
    EXPECT_EQ(state->calls.last().ticketId, 3);
    EXPECT_EQ(state->calls.first().counterName, u"Guichê 1"_s);
    EXPECT_EQ(state->lastSeq, 113);
}

TEST(TvCache, ReplaceKeepsOrderAndSettingsSurvive)
{
    QTemporaryDir dir;
    {
        TvCache cache;
        ASSERT_TRUE(cache.open(dir.filePath(u"c.sqlite"_s)).ok());
        ASSERT_TRUE(cache.recordCall(call(1), 1, 10).ok());
        ASSERT_TRUE(cache.replaceCalls({ call(9), call(8) }, 50).ok());
        DisplaySettings s;
        s.clinicName = u"Clínica São João"_s;
        s.showNames = true;
        ASSERT_TRUE(cache.saveSettings(s).ok());
    }
    TvCache cache;
    ASSERT_TRUE(cache.open(dir.filePath(u"c.sqlite"_s)).ok());
    auto state = cache.load();
    ASSERT_TRUE(state.ok());
    ASSERT_EQ(state->calls.size(), 2);
    EXPECT_EQ(state->calls[0].ticketId, 9);
    EXPECT_EQ(state->calls[1].ticketId, 8);
    EXPECT_EQ(state->lastSeq, 50);
    ASSERT_TRUE(state->settings.has_value());
    EXPECT_EQ(state->settings->clinicName, u"Clínica São João"_s);
    EXPECT_TRUE(state->settings->showNames);
}

TEST(TvCache, TheLogoSurvivesARestart)
{
    QTemporaryDir dir;
    const QByteArray png = QByteArray::fromBase64(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    {
        TvCache cache;
        ASSERT_TRUE(cache.open(dir.filePath(u"c.sqlite"_s)).ok());
        ASSERT_TRUE(cache.saveLogo(u"https://clinica.example/logo.png"_s, png).ok());
    }
    TvCache cache;
    ASSERT_TRUE(cache.open(dir.filePath(u"c.sqlite"_s)).ok());
    auto state = cache.load();
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(state->logoUrl, u"https://clinica.example/logo.png"_s);
    EXPECT_EQ(state->logo, png);
}

} // namespace
