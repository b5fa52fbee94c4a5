// SPDX-License-Identifier: GPL-3.0-or-later
#include "screencheck.h"

#include <QQuickItem>
#include <QQuickWindow>

#include <algorithm>

namespace clinico::test {

namespace {

// Anything a patient can press or reach with Tab: buttons and keys, MouseAreas, TapHandlers.
bool isInteractive(const QQuickItem *item)
{
    if (item->activeFocusOnTab() || item->inherits("QQuickAbstractButton")
        || item->inherits("QQuickMouseArea"))
        return true;
    const QObjectList &children = item->children();
    return std::any_of(
        children.begin(), children.end(), [](const QObject *o) { return o->inherits("QQuickTapHandler"); });
}

QString describe(const QQuickItem *item)
{
    const QString text = item->property("text").toString().simplified();
    return QStringLiteral("%1 %2 \"%3\"")
        .arg(QString::fromLatin1(item->metaObject()->className()), item->objectName(), text);
}

void collectOutside(
    const QQuickItem *item, const QRectF &window, QStringList &outside, bool inControl = false)
{
    if (!item->isVisible() || item->opacity() <= 0)
        return;
    if (inControl && item->inherits("QQuickText") && item->property("truncated").toBool())
        outside << QStringLiteral("the label \"%1\" is cut short").arg(item->property("text").toString());
    const bool interactive = isInteractive(item);
    if (interactive && item->width() > 0 && item->height() > 0) {
        const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
        if (!window.adjusted(-0.5, -0.5, 0.5, 0.5).contains(r))
            outside << QStringLiteral("%1 at (%2, %3) %4x%5")
                           .arg(describe(item))
                           .arg(r.x())
                           .arg(r.y())
                           .arg(r.width())
                           .arg(r.height());
    }
    const auto children = item->childItems();
    for (const QQuickItem *child : children)
        collectOutside(child, window, outside, inControl || interactive);
}

} // namespace

QStringList controlsOutside(const QQuickWindow *window)
{
    QStringList outside;
    collectOutside(window->contentItem(), QRectF(QPointF(0, 0), window->size()), outside);
    return outside;
}

} // namespace clinico::test
