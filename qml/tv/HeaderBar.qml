// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Clinico.Tv

// Landscape, one band: the logo, the clinic's name over today's date, and the clock. A portrait
// screen is too narrow for that at a size the back row can read: the logo and the name take
// the top line, the date and the clock the second.
Rectangle {
    id: bar
    required property real u
    required property bool portrait
    color: Theme.panelAlt

    readonly property real margin: 40 * u
    readonly property real lineHeight: portrait ? height / 2 : height

    Image {
        id: logo
        x: bar.margin
        y: (bar.lineHeight - height) / 2
        source: Tv.logoSource
        visible: Tv.logoSource.length > 0 && status === Image.Ready
        width: visible ? implicitWidth : 0
        height: bar.lineHeight * 0.7
        fillMode: Image.PreserveAspectFit
        sourceSize.height: height
    }

    Text {
        id: name
        objectName: "clinicName"
        x: logo.x + logo.width + (logo.visible ? 24 * bar.u : 0)
        width: (bar.portrait ? bar.width - bar.margin : clock.x - 32 * bar.u) - x
        y: bar.portrait ? (bar.lineHeight - height) / 2 : (bar.height - height - date.height) / 2
        text: Tv.clinicName
        color: Theme.text
        font { family: Theme.font; pixelSize: 54 * bar.u; bold: true }
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: 48 * bar.u
        elide: Text.ElideRight
    }

    Text {
        id: date
        objectName: "date"
        x: bar.portrait ? bar.margin : name.x
        width: clock.x - 32 * bar.u - x
        y: bar.portrait ? bar.lineHeight + (bar.lineHeight - height) / 2 : name.y + name.height
        text: Tv.today
        color: Theme.muted
        font { family: Theme.font; pixelSize: 50 * bar.u }
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: 48 * bar.u
        elide: Text.ElideRight
    }

    Text {
        id: clock
        objectName: "clock"
        x: bar.width - bar.margin - width
        y: bar.portrait ? bar.lineHeight + (bar.lineHeight - height) / 2 : (bar.height - height) / 2
        text: Qt.formatTime(Tv.now, "HH:mm")
        color: Theme.text
        font { family: Theme.font; pixelSize: 76 * bar.u; bold: true }
    }
}
