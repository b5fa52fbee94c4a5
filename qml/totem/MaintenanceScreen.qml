// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Clinico.Totem

// For clinic IT and staff, behind a long press and a PIN: is this totem well?
ColumnLayout {
    id: screen
    spacing: Theme.px(24)

    component Row2: RowLayout {
        property alias label: labelText.text
        property alias value: valueText.text
        property color valueColor: Theme.text
        Layout.fillWidth: true
        spacing: Theme.px(20)
        Text {
            id: labelText
            Layout.preferredWidth: Theme.px(360)
            font.family: Theme.fontFamily
            font.pixelSize: Theme.px(34)
            color: Theme.textMuted
        }
        Text {
            id: valueText
            Layout.fillWidth: true
            font.family: Theme.fontFamily
            font.pixelSize: Theme.px(34)
            font.bold: true
            color: parent.valueColor
            wrapMode: Text.WrapAtWordBoundaryOrAnywhere
        }
    }

    ScreenTitle {
        Layout.fillWidth: true
        title: qsTr("Manutenção do totem")
    }
    Row2 {
        label: qsTr("Servidor")
        value: Totem.serverUrl + " — " + (Totem.online ? qsTr("conectado") : qsTr("sem conexão"))
        valueColor: Totem.online ? Theme.confirm : Theme.error
    }
    Row2 {
        label: qsTr("Senhas a enviar")
        value: Totem.outboxDepth
    }
    Row2 {
        label: qsTr("Impressora")
        value: Totem.printerState + (Totem.printerMessage.length > 0 ? " — " + Totem.printerMessage : "")
        valueColor: Totem.printerState === "ready" ? Theme.confirm : Theme.error
    }
    Row2 {
        label: qsTr("Versão")
        value: Totem.version
    }
    Text {
        Layout.fillWidth: true
        text: qsTr("Erros recentes")
        font.family: Theme.fontFamily
        font.pixelSize: Theme.px(36)
        font.bold: true
        color: Theme.text
    }
    ColumnLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: Theme.px(8)
        clip: true
        Text {
            visible: Totem.recentErrors.length === 0
            text: qsTr("Nenhum")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.px(28)
            color: Theme.textMuted
        }
        Repeater {
            model: Totem.recentErrors
            Text {
                required property string modelData
                Layout.fillWidth: true
                text: modelData
                font.family: Theme.fontFamily
                font.pixelSize: Theme.px(28)
                color: Theme.textMuted
                wrapMode: Text.WordWrap
            }
        }
        Item { Layout.fillHeight: true }
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.px(24)
        BigButton {
            Layout.fillWidth: true
            text: qsTr("Imprimir senha de teste")
            textSize: Theme.px(36)
            onClicked: Totem.printTestTicket()
        }
        BigButton {
            Layout.fillWidth: true
            text: qsTr("Sair")
            outlined: true
            onClicked: Totem.closeMaintenance()
        }
    }
}
