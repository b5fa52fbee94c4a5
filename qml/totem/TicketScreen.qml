// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Clinico.Totem

// The code, very large, and what to do next. If the printer failed the patient is asked to
// write the code down: the ticket exists either way.
ColumnLayout {
    id: screen
    readonly property bool failed: Totem.printState === Totem.Failed
    readonly property bool refused: Totem.errorMessage.length > 0
    spacing: Theme.px(30)

    // A request the server refused (a service that closed meanwhile): say so kindly.
    ColumnLayout {
        visible: screen.refused
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: Theme.px(40)
        Item { Layout.fillHeight: true }
        ScreenTitle {
            Layout.fillWidth: true
            title: qsTr("Não foi possível emitir sua senha")
            subtitle: Totem.errorMessage
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("Por favor, procure a recepção.")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.px(48)
            font.bold: true
            color: Theme.text
            horizontalAlignment: Text.AlignHCenter
        }
        Item { Layout.fillHeight: true }
        BigButton {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.px(130)
            text: qsTr("Pronto")
            onClicked: Totem.restart()
        }
    }

    // Portrait: one column. Landscape: the code on the left, what to do and the buttons on the
    // right, so that nothing runs off a screen 1080 (or 720) pixels tall.
    GridLayout {
        visible: !screen.refused
        Layout.fillWidth: true
        Layout.fillHeight: true
        columns: Theme.landscape ? 2 : 1
        columnSpacing: Theme.px(48)
        rowSpacing: Theme.px(28)

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            spacing: Theme.px(28)

            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: bannerText.implicitHeight + Theme.px(44)
                radius: Theme.px(22)
                color: screen.failed ? Theme.warningBackground : Theme.highlight
                Text {
                    id: bannerText
                    objectName: "ticketBanner"
                    anchors.centerIn: parent
                    width: parent.width - Theme.px(40)
                    text: screen.failed ? "✎ " + qsTr("Anote sua senha")
                                        : Totem.printState === Totem.Printing ? qsTr("Imprimindo sua senha…")
                                                                                  : qsTr("Retire sua senha abaixo")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.px(56)
                    font.bold: true
                    color: screen.failed ? Theme.warning : Theme.text
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                }
            }

            Item { Layout.fillHeight: true }
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: card.implicitHeight + Theme.px(Theme.landscape ? 40 : 80)
                radius: Theme.px(30)
                color: Theme.surface
                border.width: Theme.px(6)
                border.color: Theme.primary

                ColumnLayout {
                    id: card
                    anchors.centerIn: parent
                    width: parent.width - Theme.px(60)
                    spacing: Theme.px(Theme.landscape ? 0 : 10)
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Sua senha")
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.px(44)
                        color: Theme.textMuted
                        horizontalAlignment: Text.AlignHCenter
                    }
                    Text {
                        objectName: "ticketCode"
                        Layout.fillWidth: true
                        text: Totem.code
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.px(Theme.landscape ? 170 : 230)
                        font.bold: true
                        color: Theme.text
                        horizontalAlignment: Text.AlignHCenter
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: Theme.px(100)
                    }
                    Text {
                        Layout.fillWidth: true
                        text: Totem.serviceName
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.px(48)
                        font.bold: true
                        color: Theme.text
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.WordWrap
                    }
                    Text {
                        Layout.fillWidth: true
                        visible: Totem.priorityLabel.length > 0
                        text: Totem.priorityLabel
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.px(44)
                        color: Theme.text
                        horizontalAlignment: Text.AlignHCenter
                    }
                    Text {
                        Layout.fillWidth: true
                        visible: Totem.peopleAhead >= 0
                        readonly property string ahead: Totem.peopleAhead === 1 ? qsTr("1 pessoa na sua frente")
                                                                               : qsTr("%1 pessoas na sua frente").arg(Totem.peopleAhead)
                        readonly property string wait: Totem.estimatedWaitMinutes === 1 ? qsTr("cerca de 1 minuto")
                                                       : qsTr("cerca de %1 minutos").arg(Totem.estimatedWaitMinutes)
                        text: Totem.peopleAhead === 0 ? qsTr("Você é a próxima pessoa")
                            : Totem.estimatedWaitMinutes > 0 ? ahead + " · " + wait : ahead
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.px(40)
                        color: Theme.textMuted
                        horizontalAlignment: Text.AlignHCenter
                        // Shrunk to one line, not wrapped: the card's layout sized itself for
                        // one line and a second ran over its border.
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: Theme.px(30)
                    }
                    Text {
                        Layout.fillWidth: true
                        visible: Totem.reprint
                        text: qsTr("Você já tinha esta senha: é a mesma, impressa de novo.")
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.px(34)
                        color: Theme.textMuted
                        horizontalAlignment: Text.AlignHCenter
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: Theme.px(24)
                    }
                }
            }
            Item { Layout.fillHeight: true }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: Theme.landscape
            Layout.preferredWidth: 1
            spacing: Theme.px(28)

            Item { Layout.fillHeight: true; visible: Theme.landscape }
            Text {
                objectName: "ticketAdvice"
                Layout.fillWidth: true
                text: screen.failed ? qsTr("A impressora não funcionou. Anote ou fotografe sua senha e aguarde a chamada pela TV.")
                                    : qsTr("Aguarde a chamada pela TV")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.px(52) * Theme.textScale
                font.bold: true
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
            Item { Layout.fillHeight: true; visible: Theme.landscape }
            Text {
                objectName: "ticketCountdown"
                Layout.fillWidth: true
                // Always visible, empty while nothing counts down: turned visible after the
                // screen appeared, it was left unplaced by the layout (Qt 6.4).
                text: Totem.ticketSecondsLeft <= 0 ? ""
                    : Totem.ticketSecondsLeft === 1 ? qsTr("Esta tela fecha em 1 segundo")
                                                    : qsTr("Esta tela fecha em %1 segundos").arg(Totem.ticketSecondsLeft)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.px(40)
                color: Theme.textMuted
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.px(24)
                BigButton {
                    objectName: "ticketMoreTime"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.preferredHeight: Theme.px(130)
                    text: qsTr("Preciso de mais tempo")
                    textSize: Theme.px(38)
                    outlined: true
                    onClicked: Totem.moreTime()
                }
                BigButton {
                    objectName: "ticketDone"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.preferredHeight: Theme.px(130)
                    text: qsTr("Pronto")
                    onClicked: Totem.restart()
                }
            }
        }
    }
}
