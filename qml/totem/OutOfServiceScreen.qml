// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts

// Shown while the totem knows no service yet (first start with no network): nothing for the
// patient to type, and a plain word on where to go.
ColumnLayout {
    spacing: Theme.px(40)
    Item { Layout.fillHeight: true }
    ScreenTitle {
        objectName: "outOfService"
        Layout.fillWidth: true
        title: qsTr("Totem temporariamente fora de serviço")
        subtitle: qsTr("Por favor, procure a recepção para retirar sua senha.")
    }
    Item { Layout.fillHeight: true }
}
