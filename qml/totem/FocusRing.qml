// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

// Where the keyboard is: a thick ring round the control, outside it, so no fill hides it.
Rectangle {
    property bool shown: false
    objectName: "focusRing"
    anchors.fill: parent
    anchors.margins: -Theme.px(12)
    radius: Theme.px(34)
    color: "transparent"
    border.width: Theme.px(7)
    border.color: Theme.focusRing
    visible: shown
}
