// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

ColumnLayout {
    spacing: Theme.px(50)
    Item { Layout.fillHeight: true }
    BusyIndicator {
        Layout.alignment: Qt.AlignHCenter
        Layout.preferredWidth: Theme.px(200)
        Layout.preferredHeight: Theme.px(200)
        running: true
    }
    ScreenTitle {
        Layout.fillWidth: true
        title: qsTr("Emitindo sua senha…")
        subtitle: qsTr("Só um instante")
    }
    Item { Layout.fillHeight: true }
}
