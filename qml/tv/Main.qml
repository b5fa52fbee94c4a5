// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Window
import Clinico.Tv

Window {
    id: window
    width: 1280
    height: 720
    visible: true
    visibility: Tv.windowed ? Window.Windowed : Window.FullScreen
    color: Theme.background
    title: qsTr("Clinico — painel de chamadas")

    TvView {
        anchors.fill: parent
    }
}
