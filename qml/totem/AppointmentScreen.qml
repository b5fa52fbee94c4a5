// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Clinico.Totem

// "Você tem consulta às 10:30 com Dra. Lima": one tap confirms the arrival. Too early or too
// late, the patient is told what to do; another service is always on offer.
ColumnLayout {
    id: screen
    spacing: Theme.px(Theme.landscape ? 24 : 40)

    ScreenTitle {
        Layout.fillWidth: true
        compact: Theme.landscape
        title: Totem.appointmentTitle
        subtitle: Totem.appointmentService
    }

    Text {
        objectName: "appointmentMessage"
        Layout.fillWidth: true
        text: Totem.appointmentMessage
        font.family: Theme.fontFamily
        font.pixelSize: Theme.px(46) * Theme.textScale
        color: Theme.text
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
    }

    BigButton {
        objectName: "confirmArrival"
        visible: Totem.canConfirmArrival
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.px(Theme.landscape ? 150 : 200)
        text: qsTr("Confirmar chegada")
        textSize: Theme.px(60)
        onClicked: Totem.confirmArrival()
    }

    BigButton {
        objectName: "otherService"
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.px(Theme.landscape ? 120 : 150)
        text: qsTr("Pegar senha para outro serviço")
        textSize: Theme.px(46)
        outlined: true
        onClicked: Totem.chooseOtherService()
    }

    Item { Layout.fillHeight: true }

    BigButton {
        Layout.preferredWidth: Theme.px(420)
        Layout.alignment: Qt.AlignLeft
        Layout.preferredHeight: Theme.px(120)
        text: Totem.canConfirmArrival ? "‹ " + qsTr("Voltar") : qsTr("Entendi")
        outlined: true
        onClicked: Totem.back()
    }
}
