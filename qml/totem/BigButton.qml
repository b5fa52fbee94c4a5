// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls.Basic

// A touch target far above 15 mm, with text that stays legible when pressed.
Button {
    id: control
    property color fill: Theme.primary
    property color ink: Theme.primaryInk
    property real textSize: Theme.px(44)
    property bool outlined: false

    implicitHeight: Theme.px(150)
    font.family: Theme.fontFamily
    font.pixelSize: textSize
    font.bold: true

    contentItem: Text {
        text: control.text
        font: control.font
        color: control.outlined ? Theme.text : control.ink
        opacity: control.enabled ? 1 : 0.55
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
        elide: Text.ElideRight
    }
    background: Rectangle {
        radius: Theme.px(24)
        color: control.outlined ? (control.down ? Theme.highlight : Theme.surface)
                                : (control.down ? Qt.darker(control.fill, 1.25) : control.fill)
        opacity: control.enabled ? 1 : 0.45
        border.width: control.outlined ? Theme.px(4) : 0
        border.color: Theme.keyBorder
    }
}
