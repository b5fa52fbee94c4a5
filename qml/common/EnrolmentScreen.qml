// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window
import Clinico.Kiosk

// A kiosk with no token: the code to type into the console, large enough to read from a
// few metres, and its QR. Shown by EnrolmentScreen (shared/enrolment/) for the totem and
// the TV alike (module Clinico.Kiosk); everything it says comes from the EnrolmentClient it is given.
Window {
    id: root
    required property EnrolmentClient enrolment
    readonly property bool tv: enrolment.role === "tv"
    readonly property bool enrolled: enrolment.status === "enrolled"
    readonly property bool landscape: width > height
    readonly property real unit: Math.min(width, height) / 1080
    function px(v) { return Math.round(v * unit) }

    width: 1080
    height: 1920
    visible: false
    color: "#F4F7FA"
    title: qsTr("Clinico — registro do aparelho")

    Grid {
        anchors.centerIn: parent
        columns: root.landscape ? 2 : 1
        spacing: root.px(72)
        horizontalItemAlignment: Grid.AlignHCenter
        verticalItemAlignment: Grid.AlignVCenter

        Column {
            spacing: root.px(36)
            width: root.landscape ? root.width * 0.5 : root.width * 0.86

            Text {
                width: parent.width
                wrapMode: Text.Wrap
                color: "#10233A"
                font { family: "DejaVu Sans"; pixelSize: root.px(58); bold: true }
                text: root.enrolled ? (root.tv ? qsTr("TV registrada.") : qsTr("Totem registrado."))
                                    : (root.tv ? qsTr("Esta TV ainda não está registrada.")
                                               : qsTr("Este totem ainda não está registrado."))
            }
            Text {
                visible: !root.enrolled
                width: parent.width
                wrapMode: Text.Wrap
                color: "#10233A"
                font { family: "DejaVu Sans"; pixelSize: root.px(40) }
                text: qsTr("Peça à equipe de TI para digitar este código no console:")
            }
            Rectangle {
                visible: !root.enrolled
                width: parent.width
                height: code.implicitHeight + root.px(48)
                radius: root.px(16)
                color: "#FFFFFF"
                border { color: "#0B4F8A"; width: root.px(6) }
                Text {
                    id: code
                    anchors.centerIn: parent
                    color: "#0B4F8A"
                    font { family: "DejaVu Sans Mono"; pixelSize: root.px(150); bold: true; letterSpacing: root.px(8) }
                    text: root.enrolment.code === "" ? "····-····" : root.enrolment.code
                }
            }
            Text {
                width: parent.width
                wrapMode: Text.Wrap
                color: root.enrolment.status === "unreachable" || root.enrolment.status === "refused"
                       ? "#A4161A" : "#34495E"
                font { family: "DejaVu Sans"; pixelSize: root.px(32) }
                text: {
                    switch (root.enrolment.status) {
                    case "requesting": return qsTr("Pedindo um código ao servidor %1…").arg(root.enrolment.serverUrl)
                    case "unreachable": return qsTr("O servidor %1 não respondeu (%2). Tentando de novo…")
                                               .arg(root.enrolment.serverUrl).arg(root.enrolment.detail)
                    case "refused": return qsTr("O registro foi recusado no console. Um código novo aparece em instantes.")
                    case "enrolled": return qsTr("Registrado como “%1”. Iniciando…").arg(root.enrolment.detail)
                    default: return qsTr("No console (%1/desk/): Administração → Registrar aparelho por código. O código vale 15 minutos; depois aparece outro sozinho.")
                                    .arg(root.enrolment.serverUrl)
                    }
                }
            }
            Text {
                width: parent.width
                wrapMode: Text.Wrap
                color: "#34495E"
                font { family: "DejaVu Sans"; pixelSize: root.px(26) }
                text: qsTr("Nome deste aparelho na rede: %1").arg(root.enrolment.hostname)
            }
        }

        // The QR is drawn module by module: crisp at any size, no image to decode.
        Rectangle {
            id: qr
            readonly property int modules: root.enrolment.qrSize
            readonly property real module: Math.floor(root.px(root.landscape ? 560 : 640) / Math.max(1, modules + 8))
            visible: modules > 0 && !root.enrolled
            width: module * (modules + 8) // a quiet zone of four modules on each side
            height: width
            color: "#FFFFFF"
            Grid {
                x: qr.module * 4
                y: x
                columns: Math.max(1, qr.modules)
                Repeater {
                    model: root.enrolment.qrModules
                    Rectangle {
                        id: cell
                        required property bool modelData
                        width: qr.module
                        height: width
                        color: cell.modelData ? "#000000" : "#FFFFFF"
                    }
                }
            }
        }
    }
}
