// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Clinico.Totem

ColumnLayout {
    id: screen
    spacing: Theme.px(36)

    ScreenTitle {
        Layout.fillWidth: true
        title: qsTr("Qual atendimento você procura?")
        subtitle: qsTr("Toque em uma opção")
    }

    GridLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        columns: Theme.landscape && Totem.services.count > 3 ? 2 : 1
        rowSpacing: Theme.px(26)
        columnSpacing: Theme.px(26)

        Repeater {
            model: Totem.services
            BigButton {
                required property var serviceId
                required property string name
                objectName: "service" + serviceId
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.px(170)
                Layout.maximumHeight: Theme.px(220)
                text: name
                textSize: Theme.px(54)
                onClicked: Totem.chooseService(serviceId)
                onActiveFocusChanged: if (activeFocus) AudioGuide.describeService(serviceId)
            }
        }
        Item { Layout.fillHeight: true }
    }

    BigButton {
        Layout.preferredWidth: Theme.px(420)
        Layout.alignment: Qt.AlignLeft
        Layout.preferredHeight: Theme.px(120)
        text: "‹ " + qsTr("Voltar")
        outlined: true
        onClicked: Totem.back()
    }
}
