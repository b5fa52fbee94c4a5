// SPDX-License-Identifier: GPL-3.0-or-later
#include "ticket/ticketcode.h"

#include <QSet>
#include <QStringList>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

using namespace clinico;

TEST(TicketCode, PrefixMarkerAndThreeDigits)
{
    EXPECT_EQ(TicketCode::make(u"C", PriorityClass::Priority, 12), QStringLiteral("CP012"));
    EXPECT_EQ(TicketCode::make(u"C", PriorityClass::Normal, 7), QStringLiteral("CN007"));
    EXPECT_EQ(TicketCode::make(u"LAB", PriorityClass::Priority80, 1234), QStringLiteral("LABS1234"));
    EXPECT_EQ(TicketCode::makeOffline(u"C", PriorityClass::Normal, u"T2", 5), QStringLiteral("CN-T2-005"));
}

TEST(TicketCode, DifferentPrefixAndClassPairsNeverCollide)
{
    // Every (prefix, class) pair over a small alphabet, same number: all codes distinct.
    QSet<QString> codes;
    int pairs = 0;
    const QStringList prefixes { u"C"_s, u"CN"_s, u"CP"_s, u"CS"_s, u"N"_s, u"P"_s, u"CNN"_s, u"CPN"_s };
    for (const QString &p : prefixes) {
        for (auto c : { PriorityClass::Normal, PriorityClass::Priority, PriorityClass::Priority80 }) {
            codes.insert(TicketCode::make(p, c, 1));
            ++pairs;
        }
    }
    EXPECT_EQ(codes.size(), pairs);
}

TEST(TicketCode, ValidPrefixes)
{
    EXPECT_TRUE(TicketCode::isValidPrefix(u"C"));
    EXPECT_TRUE(TicketCode::isValidPrefix(u"LAB"));
    EXPECT_FALSE(TicketCode::isValidPrefix(u""));
    EXPECT_FALSE(TicketCode::isValidPrefix(u"LABS"));
    EXPECT_FALSE(TicketCode::isValidPrefix(u"c"));
    EXPECT_FALSE(TicketCode::isValidPrefix(u"C1"));
}

TEST(TicketCode, SpokenInPortuguese)
{
    EXPECT_EQ(TicketCode::spoken(u"CP012"), QStringLiteral("C P doze"));
    EXPECT_EQ(TicketCode::spoken(u"RN001"), QStringLiteral("R N um"));
    EXPECT_EQ(TicketCode::spoken(u"ES103"), QString::fromUtf8("E S cento e três"));
    EXPECT_EQ(TicketCode::spoken(u"CN-T2-005"), QStringLiteral("C N T dois cinco"));
}

TEST(TicketCode, NumbersInWords)
{
    const std::pair<int, const char *> cases[] = {
        { 0, "zero" },
        { 1, "um" },
        { 14, "catorze" },
        { 20, "vinte" },
        { 21, "vinte e um" },
        { 100, "cem" },
        { 101, "cento e um" },
        { 110, "cento e dez" },
        { 200, "duzentos" },
        { 999, "novecentos e noventa e nove" },
        { 1000, "mil" },
        { 1001, "mil e um" },
        { 1100, "mil e cem" },
        { 1234, "mil duzentos e trinta e quatro" },
        { 2000, "dois mil" },
    };
    for (const auto &[n, words] : cases)
        EXPECT_EQ(TicketCode::numberInWords(n), QString::fromUtf8(words)) << n;
}
