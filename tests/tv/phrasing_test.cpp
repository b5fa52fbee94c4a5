// SPDX-License-Identifier: GPL-3.0-or-later
#include "announce/phrasing.h"
#include "qstringprinter.h"

#include <gtest/gtest.h>

using namespace clinico::voice;
using namespace Qt::StringLiterals;

namespace {

clinico::protocol::CallAnnouncement call(const QString &code, const QString &counter, bool recall = false)
{
    clinico::protocol::CallAnnouncement c;
    c.code = code;
    c.counterName = counter;
    c.recall = recall;
    return c;
}

TEST(Phrasing, NumbersAreWrittenInBrazilianPortuguese)
{
    EXPECT_EQ(Phrasing::numberInWords(0), u"zero"_s);
    EXPECT_EQ(Phrasing::numberInWords(1), u"um"_s);
    EXPECT_EQ(Phrasing::numberInWords(12), u"doze"_s);
    EXPECT_EQ(Phrasing::numberInWords(16), u"dezesseis"_s);
    EXPECT_EQ(Phrasing::numberInWords(21), u"vinte e um"_s);
    EXPECT_EQ(Phrasing::numberInWords(100), u"cem"_s);
    EXPECT_EQ(Phrasing::numberInWords(101), u"cento e um"_s);
    EXPECT_EQ(Phrasing::numberInWords(312), u"trezentos e doze"_s);
    EXPECT_EQ(Phrasing::numberInWords(999), u"novecentos e noventa e nove"_s);
    EXPECT_EQ(Phrasing::numberInWords(1000), u"mil"_s);
    EXPECT_EQ(Phrasing::numberInWords(1001), u"mil e um"_s);
    EXPECT_EQ(Phrasing::numberInWords(1234), u"mil duzentos e trinta e quatro"_s);
    EXPECT_EQ(Phrasing::numberInWords(2300), u"dois mil e trezentos"_s);
}

TEST(Phrasing, CodeIsSpelledLetterByLetterWithLeadingZeros)
{
    EXPECT_EQ(Phrasing::spokenCode(u"CP012"_s), u"cê pê zero doze"_s);
    EXPECT_EQ(Phrasing::spokenCode(u"CS001"_s), u"cê ésse zero zero um"_s);
    EXPECT_EQ(Phrasing::spokenCode(u"EN100"_s), u"é êne cem"_s); // never the word "e"
    EXPECT_EQ(Phrasing::spokenCode(u"CN1234"_s), u"cê êne mil duzentos e trinta e quatro"_s);
    EXPECT_EQ(Phrasing::spokenCode(u"CN-T1-001"_s), u"cê êne tê um zero zero um"_s);
    EXPECT_EQ(Phrasing::spokenCode(u"AN000"_s), u"á êne zero zero zero"_s);
}

TEST(Phrasing, AnnouncementSaysCodeAndDestination)
{
    EXPECT_EQ(Phrasing::spokenText(call(u"CP012"_s, u"Consultório 3"_s)),
        u"Senha cê pê zero doze, consultório três."_s);
    EXPECT_EQ(Phrasing::spokenText(call(u"RN007"_s, u"Guichê 12"_s)),
        u"Senha érre êne zero zero sete, guichê doze."_s);
    EXPECT_EQ(
        Phrasing::spokenText(call(u"EN004"_s, u"Sala B"_s)), u"Senha é êne zero zero quatro, sala bê."_s);
}

TEST(Phrasing, RecallIsAnnouncedAsARecall)
{
    EXPECT_EQ(Phrasing::spokenText(call(u"CP012"_s, u"Consultório 3"_s, true)),
        u"Chamando novamente. Senha cê pê zero doze, consultório três."_s);
}

TEST(Phrasing, NameIsSpokenOnlyWhenTheClinicSentIt)
{
    auto c = call(u"CN003"_s, u"Consultório 5"_s);
    c.displayName = u"Maria S."_s;
    EXPECT_EQ(Phrasing::spokenText(c), u"Senha cê êne zero zero três, Maria ésse, consultório cinco."_s);
}

TEST(Phrasing, DestinationKeepsAcronymsAndAccents)
{
    EXPECT_EQ(Phrasing::spokenDestination(u"UBS 2"_s), u"UBS dois"_s);
    EXPECT_EQ(Phrasing::spokenDestination(u"Guichê 1"_s), u"guichê um"_s);
}

} // namespace
