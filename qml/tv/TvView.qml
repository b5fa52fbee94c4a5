// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Clinico.Tv

// The whole screen. Sizes follow `u`, one pixel of a 1920x1080 screen (1080x1920 portrait),
// so the same layout reads the same from the back of the room on any TV.
Rectangle {
    id: root
    color: Theme.background

    readonly property bool portrait: Tv.layout === "portrait" || (Tv.layout === "auto" && height > width)
    readonly property real u: Math.max(0.2, portrait ? Math.min(width / 1080, height / 1920) : Math.min(width / 1920, height / 1080))
    readonly property real gap: 24 * u

    HeaderBar {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: (root.portrait ? 180 : 140) * root.u
        u: root.u
        portrait: root.portrait
    }

    Item {
        id: body
        anchors {
            left: parent.left; right: parent.right; top: header.bottom; bottom: notice.top
            margins: root.gap
        }

        CurrentCallPanel {
            id: current
            u: root.u
            x: 0
            y: 0
            width: root.portrait ? body.width : (body.width - root.gap) / 2
            height: root.portrait ? body.height * 0.45 : body.height
        }

        HistoryPanel {
            u: root.u
            x: root.portrait ? 0 : current.width + root.gap
            y: root.portrait ? current.height + root.gap : 0
            width: root.portrait ? body.width : body.width - current.width - root.gap
            height: root.portrait ? body.height - current.height - root.gap : body.height
        }
    }

    NoticeBar {
        id: notice
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        u: root.u
        height: Tv.notice.length > 0 ? (root.portrait ? 150 : 120) * root.u : 0
    }
}
