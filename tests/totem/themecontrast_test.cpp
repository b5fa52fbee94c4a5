// SPDX-License-Identifier: GPL-3.0-or-later
// The totem's colours keep the theme's promise: every text at least 7:1 against what it sits
// on (WCAG AAA), every control's edge at least 3:1 against the background. The colours are
// read from the Theme singleton the screens use, not copied here.
#include "support/contrast.h"

#include <QQmlEngine>

#include <gtest/gtest.h>

using namespace clinico::test;

namespace {

// Both palettes: the usual one, and "Letras grandes e alto contraste".
class TotemThemeContrast : public ::testing::TestWithParam<bool>
{
protected:
    void SetUp() override
    {
        holder = loadQmlSingleton(engine, QStringLiteral("Clinico.Totem"), QStringLiteral("Theme"));
        ASSERT_TRUE(holder);
        theme = holder->property("singleton").value<QObject *>();
        ASSERT_TRUE(theme);
        ASSERT_TRUE(theme->setProperty("highContrast", GetParam()));
    }
    QColor colour(const char *name) const
    {
        const QVariant v = theme->property(name);
        EXPECT_TRUE(v.isValid()) << "Theme has no colour " << name;
        return v.value<QColor>();
    }
    void expectAtLeast(double minimum, std::initializer_list<ColourPair> pairs) const
    {
        for (const ColourPair &p : pairs) {
            const double ratio = contrastRatio(colour(p.foreground), colour(p.background));
            EXPECT_GE(ratio, minimum)
                << p.foreground << " on " << p.background << " (" << p.where << "): " << ratio << ":1";
        }
    }

    QQmlEngine engine;
    std::unique_ptr<QObject> holder;
    QObject *theme = nullptr;
};

} // namespace

TEST_P(TotemThemeContrast, EveryTextIsAtLeastSevenToOne)
{
    expectAtLeast(kTextContrast,
        {
            { "text", "background", "titles, keys' digits" },
            { "text", "surface", "the CPF, the ticket card" },
            { "text", "highlight", "the ticket banner, a pressed key" },
            { "textMuted", "background", "hints, subtitles" },
            { "textMuted", "surface", "a disabled button's label" },
            { "textMuted", "highlight", "hints on a pressed key" },
            { "placeholder", "surface", "the CPF mask still to type" },
            { "primaryInk", "primary", "primary buttons, the header" },
            { "primary", "primaryInk", "the chosen language" },
            { "confirmInk", "confirm", "Confirmar" },
            { "confirm", "surface", "\"Conforme seu cadastro\"" },
            { "error", "errorBackground", "the CPF error banner" },
            { "error", "background", "errors on the maintenance screen" },
            { "warning", "warningBackground", "\"Anote sua senha\"" },
        });
}

TEST_P(TotemThemeContrast, EveryControlEdgeIsAtLeastThreeToOne)
{
    expectAtLeast(kNonTextContrast,
        {
            // A white key on the near-white background: its border is its only edge.
            { "keyBorder", "background", "the edge of a key or an option" },
            { "keyBorder", "surface", "the edge of a key or an option" },
            { "primary", "background", "primary buttons, the CPF field's border" },
            { "confirm", "background", "Confirmar" },
            { "error", "surface", "the CPF field's border on an error" },
            { "focusRing", "background", "the keyboard's focus ring" },
            { "focusRing", "surface", "the keyboard's focus ring on a card" },
        });
}

INSTANTIATE_TEST_SUITE_P(Totem, TotemThemeContrast, ::testing::Bool(),
    [](const auto &p) { return std::string(p.param ? "HighContrast" : "Usual"); });
