// SPDX-License-Identifier: GPL-3.0-or-later
// The TV is read from 8 metres: every text at least 7:1 against its panel (WCAG AAA), the
// offline sign's red included. The colours are read from the Theme singleton the screen uses.
#include "support/contrast.h"

#include <QQmlEngine>

#include <gtest/gtest.h>

using namespace clinico::test;

TEST(TvThemeContrast, EveryTextIsAtLeastSevenToOne)
{
    QQmlEngine engine;
    const auto holder = loadQmlSingleton(engine, QStringLiteral("Clinico.Tv"), QStringLiteral("Theme"));
    ASSERT_TRUE(holder);
    const QObject *theme = holder->property("singleton").value<QObject *>();
    ASSERT_TRUE(theme);
    const auto colour = [&](const char *name) {
        const QVariant v = theme->property(name);
        EXPECT_TRUE(v.isValid()) << "Theme has no colour " << name;
        return v.value<QColor>();
    };
    const std::initializer_list<ColourPair> pairs {
        { "text", "background", "the clinic name, the clock" },
        { "text", "panel", "the destination of the current call, history rows" },
        { "text", "panelAlt", "the header, every other history row" },
        { "muted", "background", "captions" },
        { "muted", "panel", "\"Senha\", the service, \"chamada repetida\"" },
        { "muted", "panelAlt", "the date, \"Últimas chamadas\"" },
        { "accent", "panel", "ticket codes" },
        { "accent", "panelAlt", "ticket codes on every other row" },
        { "accentInk", "accent", "a new call, highlighted" },
        // The sign staff look for from across the room: its red is what says "offline".
        { "offline", "background", "the offline sign" },
        { "offline", "panel", "the offline sign" },
        { "offline", "panelAlt", "the offline sign" },
    };
    for (const ColourPair &p : pairs) {
        const double ratio = contrastRatio(colour(p.foreground), colour(p.background));
        EXPECT_GE(ratio, kTextContrast)
            << p.foreground << " on " << p.background << " (" << p.where << "): " << ratio << ":1";
    }
}
