// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import Clinico.Tv

// The previous call-outs, newest on top: code on the left, destination on the right. Rows are
// never smaller than the back row can read (a destination's capitals at least 25 mm high on a
// 50" screen, tests/tv/screenshot_test.cpp): when the configured history does not fit at that
// size, fewer rows are shown.
Item {
    id: panel
    required property real u

    Text {
        id: title
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 64 * panel.u
        verticalAlignment: Text.AlignVCenter
        leftPadding: 8 * panel.u
        visible: list.count > 0
        text: qsTr("Últimas chamadas")
        color: Theme.muted
        font { family: Theme.font; pixelSize: 44 * panel.u; capitalization: Font.AllUppercase; letterSpacing: 2 * panel.u }
    }

    // For staff, out of the patients' way: on the title row, which is otherwise half empty.
    OfflineSign {
        u: panel.u
        maximumWidth: panel.width - (title.visible ? title.contentWidth + 40 * panel.u : 0)
        anchors { right: parent.right; rightMargin: 8 * panel.u; verticalCenter: title.verticalCenter }
    }

    ListView {
        id: list
        anchors { left: parent.left; right: parent.right; top: title.bottom; bottom: parent.bottom; topMargin: 8 * panel.u }
        interactive: false
        clip: true
        spacing: 8 * panel.u
        model: Tv.history

        readonly property real minimumRowHeight: 140 * panel.u
        readonly property int rows: Math.max(1, Math.min(Tv.historySize, Math.floor((height + spacing) / (minimumRowHeight + spacing))))
        readonly property real rowHeight: (height - spacing * (rows - 1)) / rows

        add: Transition {
            NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 500 }
        }
        displaced: Transition {
            NumberAnimation { property: "y"; duration: 400; easing.type: Easing.OutCubic }
        }

        delegate: Rectangle {
            id: row
            required property string code
            required property string destination
            required property string displayName
            required property bool recall
            required property int index

            width: ListView.view.width
            height: list.rowHeight
            radius: 14 * panel.u
            color: index % 2 === 0 ? Theme.panel : Theme.panelAlt

            Text {
                id: codeText
                objectName: "historyCode"
                anchors { left: parent.left; leftMargin: 28 * panel.u; verticalCenter: parent.verticalCenter }
                width: Math.min(implicitWidth, parent.width * 0.42)
                text: row.code
                color: Theme.accent
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: 40 * panel.u
                font { family: Theme.font; pixelSize: Math.min(list.rowHeight * 0.55, 80 * panel.u); bold: true }
            }
            Item {
                anchors {
                    left: codeText.right; leftMargin: 16 * panel.u
                    right: parent.right; rightMargin: 28 * panel.u
                    top: parent.top; bottom: parent.bottom; margins: 6 * panel.u
                }

                DestinationText {
                    objectName: "historyDestination"
                    anchors { fill: parent; bottomMargin: caption.visible ? caption.height : 0 }
                    horizontalAlignment: Text.AlignRight
                    verticalAlignment: Text.AlignVCenter
                    destination: row.destination
                    preferredPixelSize: Math.min(list.rowHeight * 0.5, 72 * panel.u)
                    minimumPixelSize: 40 * panel.u
                    color: Theme.text
                }
                Text {
                    id: caption
                    objectName: "historyCaption"
                    anchors { right: parent.right; bottom: parent.bottom; left: parent.left }
                    visible: row.displayName.length > 0 || row.recall
                    horizontalAlignment: Text.AlignRight
                    text: row.recall ? qsTr("chamada repetida") : row.displayName
                    color: Theme.muted
                    elide: Text.ElideRight
                    font { family: Theme.font; pixelSize: Math.min(list.rowHeight * 0.36, 50 * panel.u) }
                }
            }
        }
    }
}
