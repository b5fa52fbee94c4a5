// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Clinico.Tv

// Clinic name (and logo) on the left, the time and date on the right.
Rectangle {
    id: bar
    required property real u
    color: Theme.panelAlt

    readonly property var locale: Qt.locale(Tv.language)

    Image {
        id: logo
        anchors { left: parent.left; leftMargin: 40 * bar.u; verticalCenter: parent.verticalCenter }
        source: Tv.logoSource
        visible: Tv.logoSource.length > 0 && status === Image.Ready
        width: visible ? implicitWidth : 0
        height: bar.height * 0.7
        fillMode: Image.PreserveAspectFit
        sourceSize.height: height
    }

    Text {
        anchors {
            left: logo.right; leftMargin: logo.visible ? 24 * bar.u : 0
            right: clock.left; rightMargin: 32 * bar.u
            verticalCenter: parent.verticalCenter
        }
        text: Tv.clinicName
        color: Theme.text
        font { family: Theme.font; pixelSize: 54 * bar.u; bold: true }
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: 36 * bar.u
        elide: Text.ElideRight
    }

    Column {
        id: clock
        anchors { right: parent.right; rightMargin: 40 * bar.u; verticalCenter: parent.verticalCenter }

        Text {
            anchors.right: parent.right
            text: Qt.formatTime(Tv.now, "HH:mm")
            color: Theme.text
            font { family: Theme.font; pixelSize: 64 * bar.u; bold: true }
        }
        Text {
            anchors.right: parent.right
            text: Tv.now.toLocaleDateString(bar.locale, Locale.LongFormat)
            color: Theme.muted
            font { family: Theme.font; pixelSize: 28 * bar.u }
        }
    }
}
