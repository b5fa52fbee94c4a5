// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Clinico.Totem

// One question, answered with one touch: "Não" or the group the patient belongs to.
ColumnLayout {
    id: screen
    spacing: Theme.px(Theme.landscape ? 18 : 30)

    ScreenTitle {
        Layout.fillWidth: true
        compact: Theme.landscape
        title: qsTr("Atendimento preferencial?")
        subtitle: Totem.serviceName
    }

    BigButton {
        objectName: "priorityNo"
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.px(Theme.landscape ? 120 : 160)
        text: qsTr("Não, atendimento normal")
        textSize: Theme.px(52)
        onClicked: Totem.choosePriority("normal")
        onActiveFocusChanged: if (activeFocus) AudioGuide.describePriority("normal")
    }

    RowLayout {
        Layout.fillWidth: true
        Text {
            Layout.fillWidth: true
            text: qsTr("Sim, sou (ou acompanho):")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.px(40) * Theme.textScale
            font.bold: true
            color: Theme.text
        }
        // In landscape there is no room below the options: going back sits up here.
        BigButton {
            visible: Theme.landscape
            Layout.preferredWidth: Theme.px(300)
            Layout.preferredHeight: Theme.px(96)
            text: "‹ " + qsTr("Voltar")
            textSize: Theme.px(38)
            outlined: true
            onClicked: Totem.back()
        }
    }

    GridLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        columns: Theme.landscape ? (Theme.highContrast ? 3 : 4) : 2 // larger labels need wider options
        rowSpacing: Theme.px(20)
        columnSpacing: Theme.px(20)

        Repeater {
            model: Totem.priorityOptions
            Button {
                id: option
                required property var modelData
                objectName: "priority_" + modelData.key
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.minimumHeight: Theme.px(130)
                padding: Theme.px(18)
                onClicked: Totem.choosePriority(modelData.priorityClass)
                onActiveFocusChanged: if (activeFocus) AudioGuide.describePriority(modelData.key)
                background: Rectangle {
                    radius: Theme.px(22)
                    color: option.down ? Theme.highlight : Theme.surface
                    border.width: Theme.px(option.modelData.suggested ? 8 : 4)
                    border.color: option.modelData.suggested ? Theme.confirm : Theme.keyBorder
                    FocusRing { shown: option.visualFocus }
                }
                contentItem: RowLayout {
                    spacing: Theme.px(20)
                    PriorityIcon {
                        Layout.preferredWidth: Theme.px(96)
                        Layout.preferredHeight: Theme.px(96)
                        kind: option.modelData.key
                        badge: option.modelData.badge
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Text {
                            Layout.fillWidth: true
                            text: option.modelData.label
                            font.family: Theme.fontFamily
                            // Landscape gets wider options instead (three columns, not four).
                            font.pixelSize: Theme.landscape ? Theme.px(34) : Theme.px(38) * Theme.textScale
                            font.bold: true
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            Layout.fillWidth: true
                            visible: option.modelData.suggested
                            text: qsTr("Conforme seu cadastro")
                            wrapMode: Text.WordWrap
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.px(28) * Theme.textScale
                            color: Theme.confirm
                            font.bold: true
                        }
                    }
                }
            }
        }
    }

    BigButton {
        visible: !Theme.landscape
        Layout.preferredWidth: Theme.px(420)
        Layout.preferredHeight: Theme.px(120)
        text: "‹ " + qsTr("Voltar")
        outlined: true
        onClicked: Totem.back()
    }
}
