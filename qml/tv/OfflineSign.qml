// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Clinico.Tv

// A small sign for staff after some seconds without the server. Patients can ignore it: the
// screen keeps showing the last calls. The technical reason is never shown here, in public:
// it goes to the device status the admin sees.
Rectangle {
    id: sign
    required property real u
    property real maximumWidth: 100000
    visible: Tv.offlineSignVisible
    width: visible ? Math.min(content.implicitWidth, maximumWidth) + 36 * u : 0
    height: content.implicitHeight + 14 * u
    radius: 16 * u
    color: "#66000000"
    border { color: Theme.offline; width: 2 * u }

    Row {
        id: content
        anchors.centerIn: parent
        spacing: 12 * sign.u

        Rectangle {
            anchors.verticalCenter: parent.verticalCenter
            width: 20 * sign.u
            height: width
            radius: width / 2
            color: Theme.offline
        }
        Text {
            objectName: "offlineText"
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("Sem conexão")
            color: Theme.offline
            font { family: Theme.font; pixelSize: 30 * sign.u; bold: true }
        }
    }
}
