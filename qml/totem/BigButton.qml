// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls.Basic

// A touch target far above 15 mm, with text that stays legible when pressed, and when
// disabled (then an outlined key with muted text, still 7:1, so its reason can be read).
Button {
    id: control
    property color fill: Theme.primary
    property color ink: Theme.primaryInk
    property real textSize: Theme.px(44)
    property bool outlined: false

    implicitHeight: Theme.px(150)
    font.family: Theme.fontFamily
    font.pixelSize: textSize * Theme.textScale
    font.bold: true

    contentItem: Text {
        text: control.text
        font: control.font
        color: !control.enabled ? Theme.textMuted : control.outlined ? Theme.text : control.ink
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
        // Larger text (Theme.textScale) gives way to the button's size, never below the usual.
        fontSizeMode: Text.Fit
        minimumPixelSize: control.textSize
        elide: Text.ElideRight
    }
    background: Rectangle {
        radius: Theme.px(24)
        color: control.outlined || !control.enabled ? (control.down ? Theme.highlight : Theme.surface)
                                                    : (control.down ? Qt.darker(control.fill, 1.25) : control.fill)
        border.width: control.outlined || !control.enabled ? Theme.px(4) : 0
        border.color: Theme.keyBorder
        FocusRing { shown: control.visualFocus }
    }
}
