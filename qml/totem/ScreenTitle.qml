// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts

ColumnLayout {
    id: header
    property alias title: titleText.text
    property alias subtitle: subtitleText.text
    property bool compact: false
    spacing: Theme.px(12)
    Text {
        id: titleText
        Layout.fillWidth: true
        font.family: Theme.fontFamily
        font.pixelSize: Theme.px(header.compact ? 56 : 68) * Theme.textScale
        font.bold: true
        color: Theme.text
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
    }
    Text {
        id: subtitleText
        Layout.fillWidth: true
        visible: text.length > 0
        font.family: Theme.fontFamily
        font.pixelSize: Theme.px(header.compact ? 36 : 42) * Theme.textScale
        color: Theme.textMuted
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
    }
}
