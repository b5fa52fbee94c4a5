// SPDX-License-Identifier: GPL-3.0-or-later
#include "ticket/businessday.h"

#include <gtest/gtest.h>

using clinico::BusinessDay;

namespace {
QDateTime saoPaulo(const char *iso)
{
    return QDateTime(QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).date(),
        QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).time(), QTimeZone("America/Sao_Paulo"));
}
} // namespace

TEST(BusinessDay, MidnightInSaoPauloNotUtc)
{
    const BusinessDay day;
    EXPECT_EQ(day.dayOf(saoPaulo("2026-11-23T23:59:59")), QStringLiteral("2026-11-23"));
    EXPECT_EQ(day.dayOf(saoPaulo("2026-11-24T00:00:00")), QStringLiteral("2026-11-24"));
    // 01:30 UTC is still the evening before in Brazil.
    EXPECT_EQ(day.dayOf(QDateTime::fromString(QStringLiteral("2026-11-24T01:30:00Z"), Qt::ISODate)),
        QStringLiteral("2026-11-23"));
}

TEST(BusinessDay, ResetAtAConfiguredHour)
{
    const BusinessDay day(QTime(5, 0));
    EXPECT_EQ(day.dayOf(saoPaulo("2026-11-24T04:59:00")), QStringLiteral("2026-11-23"));
    EXPECT_EQ(day.dayOf(saoPaulo("2026-11-24T05:00:00")), QStringLiteral("2026-11-24"));
    EXPECT_EQ(day.nextResetAfter(saoPaulo("2026-11-24T04:00:00")), saoPaulo("2026-11-24T05:00:00").toUTC());
    EXPECT_EQ(day.nextResetAfter(saoPaulo("2026-11-24T05:00:00")), saoPaulo("2026-11-25T05:00:00").toUTC());
}
