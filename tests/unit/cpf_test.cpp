// SPDX-License-Identifier: GPL-3.0-or-later
#include "cpf/cpf.h"

#include <algorithm>

#include <gtest/gtest.h>

using clinico::Cpf;

TEST(Cpf, AcceptsValidNumbersWithOrWithoutPunctuation)
{
    for (const char *text : { "529.982.247-25", "52998224725", "111.444.777-35", "123.456.789-09",
             "000.000.001-91", " 529 982 247 25 " }) {
        EXPECT_TRUE(Cpf::isValid(QString::fromLatin1(text))) << text;
    }
}

TEST(Cpf, RejectsWrongCheckDigitsRepeatedDigitsAndWrongLength)
{
    for (const char *text : { "529.982.247-24", "123.456.789-10", "111.111.111-11", "000.000.000-00",
             "999.999.999-99", "5299822472", "529982247250", "", "abc.def.ghi-jk", "529.982.247-2a" }) {
        auto r = Cpf::parse(QString::fromLatin1(text));
        EXPECT_FALSE(r.ok()) << text;
        if (!r.ok()) {
            EXPECT_EQ(r.error().code, QStringLiteral("cpf_invalid"));
        }
    }
}

TEST(Cpf, RejectsNonAsciiDigits)
{
    // Arabic-Indic digits are "digits" to Unicode but not to the Receita Federal.
    EXPECT_FALSE(Cpf::isValid(QString::fromUtf8("٥٢٩٩٨٢٢٤٧٢٥")));
}

TEST(Cpf, FormatsAndMasksWithoutLeakingTheNumber)
{
    const auto cpf = Cpf::parse(u"52998224725");
    ASSERT_TRUE(cpf.ok());
    EXPECT_EQ(cpf->formatted(), QStringLiteral("529.982.247-25"));
    EXPECT_EQ(Cpf::maskForLog(u"5299"), QStringLiteral("***.***.***-**"));
}

TEST(Cpf, MaskKeepsOnlyTheTwoCheckDigits)
{
    const auto cpf = Cpf::parse(u"52998224725");
    ASSERT_TRUE(cpf.ok());
    EXPECT_EQ(cpf->masked(), QStringLiteral("***.***.***-25"));
    EXPECT_EQ(Cpf::maskForLog(u"529.982.247-25"), QStringLiteral("***.***.***-25"));
    const QString shown = cpf->masked();
    EXPECT_EQ(std::count_if(shown.cbegin(), shown.cend(), [](QChar c) { return c.isDigit(); }), 2);
}

TEST(Cpf, PartialFormatFillsTheMaskAsThePatientTypes)
{
    EXPECT_EQ(Cpf::formatPartial(u""), QString());
    EXPECT_EQ(Cpf::formatPartial(u"529"), QStringLiteral("529"));
    EXPECT_EQ(Cpf::formatPartial(u"5299"), QStringLiteral("529.9"));
    EXPECT_EQ(Cpf::formatPartial(u"5299822472"), QStringLiteral("529.982.247-2"));
    EXPECT_EQ(Cpf::formatPartial(u"529982247251234"), QStringLiteral("529.982.247-25"));
}
