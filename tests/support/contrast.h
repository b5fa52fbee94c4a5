// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QQmlComponent>
#include <QQmlEngine>

#include <cmath>
#include <memory>

namespace clinico::test {

// WCAG 2.x relative luminance of an sRGB colour (alpha ignored: the theme's colours are opaque).
inline double relativeLuminance(const QColor &c)
{
    const auto channel
        = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// WCAG contrast ratio, from 1 (same colour) to 21 (black on white).
inline double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// Two colours of a theme, by property name, and where the screen puts one on the other.
struct ColourPair
{
    const char *foreground;
    const char *background;
    const char *where;
};

// WCAG 2.x AAA for text (1.4.6), and 1.4.11 for the edges of controls and other non-text.
inline constexpr double kTextContrast = 7.0;
inline constexpr double kNonTextContrast = 3.0;

// A QML singleton as the app sees it (e.g. the Theme of module Clinico.Totem), to read its
// colours at test time instead of copying them into the test.
inline std::unique_ptr<QObject> loadQmlSingleton(
    QQmlEngine &engine, const QString &module, const QString &name)
{
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QQmlComponent component(&engine);
    component.setData(
        QStringLiteral("import QtQml\nimport %1\nQtObject { readonly property QtObject singleton: %2 }\n")
            .arg(module, name)
            .toUtf8(),
        QUrl());
    std::unique_ptr<QObject> holder(component.create());
    if (!holder)
        qWarning().noquote() << component.errorString();
    return holder;
}

} // namespace clinico::test
