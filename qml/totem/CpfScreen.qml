// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Clinico.Totem

// The first screen: a greeting and the keypad, so the first touch is already a CPF digit.
GridLayout {
    id: screen
    columns: Theme.landscape ? 2 : 1
    columnSpacing: Theme.px(60)
    rowSpacing: Theme.px(40)

    ColumnLayout {
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        Layout.alignment: Qt.AlignVCenter
        spacing: Theme.px(36)

        ScreenTitle {
            Layout.fillWidth: true
            title: qsTr("Digite seu CPF")
            subtitle: qsTr("para retirar sua senha")
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.px(170)
            radius: Theme.px(24)
            color: Theme.surface
            border.width: Theme.px(5)
            border.color: Totem.cpfError.length > 0 ? Theme.error : Theme.primary

            Row {
                anchors.centerIn: parent
                Text {
                    objectName: "cpfTyped"
                    text: Totem.cpfTyped
                    font.family: "DejaVu Sans Mono"
                    font.pixelSize: Theme.px(88)
                    font.bold: true
                    color: Theme.text
                }
                Text {
                    objectName: "cpfRemaining"
                    text: Totem.cpfRemaining
                    font.family: "DejaVu Sans Mono"
                    font.pixelSize: Theme.px(88)
                    font.letterSpacing: Theme.px(6) // one blank per digit, not one long line
                    color: Theme.placeholder
                }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: errorText.implicitHeight + Theme.px(40)
            radius: Theme.px(18)
            color: Theme.errorBackground
            visible: Totem.cpfError.length > 0
            Text {
                id: errorText
                objectName: "cpfError"
                anchors.centerIn: parent
                width: parent.width - Theme.px(40)
                text: "⚠ " + Totem.cpfError
                font.family: Theme.fontFamily
                font.pixelSize: Theme.px(44)
                font.bold: true
                color: Theme.error
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
        }
        Text {
            Layout.fillWidth: true
            visible: Totem.cpfError.length === 0
            text: qsTr("Só os números. Seu CPF não aparece na senha nem na TV.")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.px(34) * Theme.textScale
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        // One tap away for who cannot read the screen or needs it larger; both reset for the
        // next patient. The audio guide also answers the * key of a physical keypad. Side by
        // side in portrait; in landscape the column is too narrow for both labels on one row.
        GridLayout {
            Layout.fillWidth: true
            columns: Theme.landscape ? 1 : 2
            rowSpacing: Theme.px(20)
            columnSpacing: Theme.px(24)
            BigButton {
                id: audioButton
                objectName: "audioGuide"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: Theme.px(130)
                horizontalPadding: Theme.px(24)
                text: Totem.audioGuide ? qsTr("Desligar instruções faladas") : qsTr("Ouvir instruções")
                textSize: Theme.px(36)
                outlined: true
                Accessible.name: text
                onClicked: Totem.toggleAudioGuide()
                contentItem: RowLayout {
                    spacing: Theme.px(16)
                    SpeakerIcon {
                        objectName: "audioGuideIcon"
                        Layout.preferredWidth: Theme.px(64)
                        Layout.preferredHeight: Theme.px(64)
                        ink: audioButton.enabled ? Theme.text : Theme.textMuted
                    }
                    Text {
                        objectName: "audioGuideLabel"
                        Layout.fillWidth: true
                        text: audioButton.text
                        font: audioButton.font
                        color: Theme.text
                        wrapMode: Text.WordWrap
                        verticalAlignment: Text.AlignVCenter
                    }
                }
            }
            BigButton {
                objectName: "highVisibility"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: Theme.px(130)
                horizontalPadding: Theme.px(24)
                text: Totem.highVisibility ? qsTr("Voltar às letras normais") : "Aa+ " + qsTr("Letras grandes e alto contraste")
                textSize: Theme.px(34)
                outlined: true
                onClicked: Totem.toggleHighVisibility()
            }
        }
    }

    Keypad {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 1
        Layout.maximumHeight: Theme.px(Theme.landscape ? 820 : 900)
        confirmEnabled: Totem.cpfComplete && Totem.cpfError.length === 0
        confirmHint: Totem.cpfMissing
        onDigit: (value) => Totem.typeDigit(value)
        onErase: Totem.erase()
        onClear: Totem.clearCpf()
        onConfirm: Totem.confirmCpf()
    }
}
