// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtQuick.Window
import Clinico.Totem

Window {
    id: root
    readonly property bool landscape: Totem.orientation === "landscape"
                                      || (Totem.orientation === "auto" && width > height)
    width: 1080
    height: 1920
    visible: false
    color: Theme.background
    title: qsTr("Clinico — Totem de senhas")

    Binding {
        target: Theme
        property: "unit"
        value: Math.min(root.width, root.height) / 1080
    }
    Binding {
        target: Theme
        property: "landscape"
        value: root.landscape
    }
    Binding {
        target: Theme
        property: "highContrast"
        value: Totem.highVisibility
    }

    // Header: who we are, and the language choice.
    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Theme.px(150)
        color: Theme.primary

        Text {
            anchors { left: parent.left; leftMargin: Theme.px(48); verticalCenter: parent.verticalCenter
                      right: languages.left; rightMargin: Theme.px(24) }
            text: Totem.services.clinicName
            font.family: Theme.fontFamily
            font.pixelSize: Theme.px(52)
            font.bold: true
            color: Theme.primaryInk
            elide: Text.ElideRight
        }
        Row {
            id: languages
            anchors { right: parent.right; rightMargin: Theme.px(30); verticalCenter: parent.verticalCenter }
            spacing: Theme.px(14)
            visible: Totem.screen !== Totem.Maintenance
            Repeater {
                model: [{ code: "pt_BR", label: "PT" }, { code: "en", label: "EN" }, { code: "es", label: "ES" }]
                Button {
                    id: langButton
                    required property var modelData
                    focusPolicy: Qt.NoFocus // the keypad path stays on the patient's choices
                    width: Theme.px(104)
                    height: Theme.px(96)
                    onClicked: Totem.setLanguage(modelData.code)
                    contentItem: Text {
                        text: langButton.modelData.label
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.px(36)
                        font.bold: true
                        color: Totem.language === langButton.modelData.code ? Theme.primary : Theme.primaryInk
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                    }
                    background: Rectangle {
                        radius: Theme.px(16)
                        color: Totem.language === langButton.modelData.code ? Theme.primaryInk : "transparent"
                        border.width: Theme.px(3)
                        border.color: Theme.primaryInk
                    }
                }
            }
        }
    }

    Loader {
        id: content
        focus: true // a physical keypad drives the whole flow
        Keys.onPressed: (event) => keyboardPath.handle(event)
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom
                  margins: Theme.px(root.landscape ? 56 : 64) }
        sourceComponent: {
            if (!Totem.ready && Totem.screen !== Totem.Maintenance)
                return outOfServiceScreen
            switch (Totem.screen) {
            case Totem.Service: return serviceScreen
            case Totem.Appointment: return appointmentScreen
            case Totem.Priority: return priorityScreen
            case Totem.Issuing: return issuingScreen
            case Totem.Ticket: return ticketScreen
            case Totem.Maintenance: return maintenanceScreen
            default: return cpfScreen
            }
        }
    }
    KeyboardPath {
        id: keyboardPath
        scope: content
    }
    Component { id: cpfScreen; CpfScreen { } }
    Component { id: serviceScreen; ServiceScreen { } }
    Component { id: appointmentScreen; AppointmentScreen { } }
    Component { id: priorityScreen; PriorityScreen { } }
    Component { id: issuingScreen; IssuingScreen { } }
    Component { id: ticketScreen; TicketScreen { } }
    Component { id: maintenanceScreen; MaintenanceScreen { } }
    Component { id: outOfServiceScreen; OutOfServiceScreen { } }

    // Staff only: a long press in the top-left corner asks for the maintenance PIN.
    MouseArea {
        anchors { left: parent.left; top: parent.top }
        width: Theme.px(120)
        height: Theme.px(120)
        pressAndHoldInterval: 3000
        onPressAndHold: pinDialog.open()
    }
    PinDialog {
        id: pinDialog
        anchors.centerIn: parent
    }
}
