// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QQuickWindow;

namespace clinico::test {

// What a patient could not use on the window as drawn now: every control (button, key,
// MouseArea, TapHandler, anything reachable with Tab) that lies partly or wholly outside the
// window, and every label inside a control that is cut short ("Não, atendimento nor…").
QStringList controlsOutside(const QQuickWindow *window);

} // namespace clinico::test
