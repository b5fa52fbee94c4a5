// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Clinico.Tv

// A small sign for staff after some seconds without the server. Patients can ignore it: the
// screen keeps showing the last calls.
Rectangle {
    id: sign
    required property real u
    visible: Tv.offlineSignVisible
    width: visible ? content.implicitWidth + 40 * u : 0
    height: content.implicitHeight + 20 * u
    radius: height / 2
    color: "#66000000"
    border { color: Theme.offline; width: 2 * u }

    Row {
        id: content
        anchors.centerIn: parent
        spacing: 14 * sign.u

        Rectangle {
            anchors.verticalCenter: parent.verticalCenter
            width: 20 * sign.u
            height: width
            radius: width / 2
            color: Theme.offline
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: Tv.offlineDetail.length > 0 ? qsTr("Sem conexão — %1").arg(Tv.offlineDetail) : qsTr("Sem conexão")
            color: Theme.text
            font { family: Theme.font; pixelSize: 30 * sign.u; bold: true }
        }
    }
}
