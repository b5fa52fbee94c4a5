// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Clinico.Totem

// The staff PIN, asked for after a long press in the top-left corner.
Popup {
    id: dialog
    property string pin
    property bool wrong: false
    modal: true
    focus: true
    closePolicy: Popup.CloseOnPressOutside
    padding: Theme.px(40)
    onOpened: { pin = ""; wrong = false }
    background: Rectangle { radius: Theme.px(30); color: Theme.surface; border.color: Theme.keyBorder; border.width: Theme.px(4) }

    contentItem: ColumnLayout {
        spacing: Theme.px(24)
        Text {
            Layout.fillWidth: true
            text: dialog.wrong ? qsTr("PIN incorreto") : qsTr("PIN de manutenção")
            color: dialog.wrong ? Theme.error : Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.px(44)
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            Layout.fillWidth: true
            text: "●".repeat(dialog.pin.length) + "○".repeat(Math.max(0, 4 - dialog.pin.length))
            color: Theme.text
            font.pixelSize: Theme.px(60)
            horizontalAlignment: Text.AlignHCenter
        }
        Keypad {
            Layout.preferredWidth: Theme.px(640)
            Layout.preferredHeight: Theme.px(640)
            confirmText: qsTr("Entrar")
            onDigit: (value) => { if (dialog.pin.length < 12) dialog.pin += value }
            onErase: dialog.pin = dialog.pin.slice(0, -1)
            onClear: dialog.pin = ""
            onConfirm: {
                if (Totem.unlockMaintenance(dialog.pin)) {
                    dialog.close()
                } else {
                    dialog.wrong = true
                    dialog.pin = ""
                }
            }
        }
    }
}
