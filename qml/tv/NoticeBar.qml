// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Clinico.Tv

// The clinic's notice line ("Use máscara"), when it set one.
Rectangle {
    id: bar
    required property real u
    color: Theme.panelAlt
    visible: Tv.notice.length > 0
    clip: true

    Rectangle {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 3 * bar.u
        color: Theme.line
    }
    Text {
        objectName: "notice"
        anchors { fill: parent; leftMargin: 40 * bar.u; rightMargin: 40 * bar.u }
        verticalAlignment: Text.AlignVCenter
        horizontalAlignment: Text.AlignHCenter
        text: Tv.notice
        color: Theme.text
        wrapMode: Text.WordWrap
        maximumLineCount: 2
        elide: Text.ElideRight
        fontSizeMode: Text.Fit
        minimumPixelSize: 40 * bar.u
        font { family: Theme.font; pixelSize: 50 * bar.u }
    }
}
