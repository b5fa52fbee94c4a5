// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Clinico.Tv

// The call being announced, as large as the panel allows. It turns yellow while it is new.
Rectangle {
    id: panel
    required property real u
    radius: 24 * u
    color: Tv.highlighted ? Theme.accent : Theme.panel
    Behavior on color { ColorAnimation { duration: 400 } }

    readonly property color ink: Tv.highlighted ? Theme.accentInk : Theme.text
    readonly property color softInk: Tv.highlighted ? Theme.accentInk : Theme.muted
    readonly property color codeInk: Tv.highlighted ? Theme.accentInk : Theme.accent

    // A gentle pulse when a call arrives, so eyes that were elsewhere find it.
    SequentialAnimation on scale {
        id: pulse
        running: false
        NumberAnimation { to: 1.025; duration: 220; easing.type: Easing.OutQuad }
        NumberAnimation { to: 1.0; duration: 380; easing.type: Easing.InOutQuad }
    }
    Connections {
        target: Tv
        function onCurrentChanged() { if (Tv.highlighted) pulse.restart() }
        function onHighlightedChanged() { if (Tv.highlighted) pulse.restart() }
    }

    Column {
        visible: Tv.hasCurrent
        anchors.centerIn: parent
        width: parent.width - 64 * panel.u
        spacing: 8 * panel.u

        Text {
            objectName: "currentLabel"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: Tv.currentRecall ? qsTr("Chamando novamente") : qsTr("Senha")
            color: panel.softInk
            font { family: Theme.font; pixelSize: 60 * panel.u; bold: Tv.currentRecall; capitalization: Font.AllUppercase; letterSpacing: 4 * panel.u }
        }
        Text {
            objectName: "currentCode"
            width: parent.width
            height: Math.min(300 * panel.u, panel.height * 0.34)
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            text: Tv.currentCode
            color: panel.codeInk
            fontSizeMode: Text.Fit
            minimumPixelSize: 80 * panel.u
            font { family: Theme.font; pixelSize: 290 * panel.u; bold: true }
        }
        Text {
            objectName: "currentName"
            width: parent.width
            visible: Tv.currentName.length > 0
            horizontalAlignment: Text.AlignHCenter
            text: Tv.currentName
            color: panel.ink
            elide: Text.ElideRight
            font { family: Theme.font; pixelSize: 72 * panel.u; bold: true }
        }
        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: parent.width * 0.7
            height: 4 * panel.u
            radius: height / 2
            color: panel.softInk
            opacity: 0.5
        }
        DestinationText {
            objectName: "currentDestination"
            width: parent.width
            height: 170 * panel.u
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            destination: Tv.currentDestination
            preferredPixelSize: 124 * panel.u
            minimumPixelSize: 40 * panel.u
            color: panel.ink
        }
        Text {
            objectName: "currentService"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: Tv.currentService
            color: panel.softInk
            elide: Text.ElideRight
            font { family: Theme.font; pixelSize: 54 * panel.u }
        }
    }

    Text {
        objectName: "waiting"
        visible: !Tv.hasCurrent
        anchors.centerIn: parent
        width: parent.width - 96 * panel.u
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        text: qsTr("Aguarde: sua senha aparecerá aqui")
        color: Theme.muted
        font { family: Theme.font; pixelSize: 64 * panel.u }
    }
}
