// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Digits 1-9 and 0 in the phone layout, Limpar (all), Apagar (the last) and Confirmar, which
// says what is still missing while it cannot be pressed. It only reports presses.
GridLayout {
    id: keypad
    property bool confirmEnabled: true
    property string confirmText: qsTr("Confirmar")
    property string confirmHint
    signal digit(int value)
    signal erase()
    signal clear()
    signal confirm()

    columns: 3
    rowSpacing: Theme.px(22)
    columnSpacing: Theme.px(22)

    Repeater {
        model: [1, 2, 3, 4, 5, 6, 7, 8, 9]
        onItemAdded: (index, item) => item.clicked.connect(() => keypad.digit(index + 1))
        BigButton {
            required property int modelData
            objectName: "key" + modelData
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 100
            Layout.preferredHeight: 100
            text: modelData
            textSize: Theme.px(72)
            outlined: true
        }
    }
    BigButton {
        objectName: "keyClear"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 100
        Layout.preferredHeight: 100
        text: qsTr("Limpar")
        textSize: Theme.px(38)
        outlined: true
        onClicked: keypad.clear()
    }
    BigButton {
        objectName: "key0"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 100
        Layout.preferredHeight: 100
        text: "0"
        textSize: Theme.px(72)
        outlined: true
        onClicked: keypad.digit(0)
    }
    BigButton {
        objectName: "keyErase"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 100
        Layout.preferredHeight: 100
        text: "⌫ " + qsTr("Apagar")
        textSize: Theme.px(38)
        outlined: true
        onClicked: keypad.erase()
    }
    BigButton {
        objectName: "keyConfirm"
        Layout.columnSpan: 3
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 100
        Layout.preferredHeight: 100
        text: keypad.confirmHint.length > 0 ? keypad.confirmText + "\n" + keypad.confirmHint : keypad.confirmText
        textSize: Theme.px(40)
        fill: Theme.confirm
        ink: Theme.confirmInk
        enabled: keypad.confirmEnabled
        onClicked: keypad.confirm()
    }
}
