// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Clinico.Totem

// The patient's path from a physical keypad alone, with the server out of reach: digits,
// Backspace, Delete and Enter for the CPF, arrows between the choices, Enter to pick.
Item {
    width: 1080
    height: 1700

    Loader {
        id: current
        anchors.fill: parent
        focus: true
        Keys.onPressed: (event) => path.handle(event)
        sourceComponent: {
            switch (Totem.screen) {
            case Totem.Service: return serviceScreen
            case Totem.Priority: return priorityScreen
            case Totem.Ticket: return ticketScreen
            default: return cpfScreen
            }
        }
    }
    KeyboardPath {
        id: path
        scope: current
    }
    Component { id: cpfScreen; CpfScreen { } }
    Component { id: serviceScreen; ServiceScreen { } }
    Component { id: priorityScreen; PriorityScreen { } }
    Component { id: ticketScreen; TicketScreen { } }

    TestCase {
        name: "KeyboardPath"
        when: windowShown

        function typeKeys(digits) {
            for (const d of digits)
                keyClick(Qt.Key_0 + Number(d))
        }
        function focused(name) {
            tryVerify(() => findChild(current.item, name) !== null, 2000, name)
            const item = findChild(current.item, name)
            verify(item.activeFocus, name + " has the focus")
            verify(findChild(item, "focusRing").visible, name + " shows the focus ring")
            return item
        }

        // A patient who cannot see the screen is told about * (and the button is the first stop
        // of the arrows on the first screen).
        function test_theAudioGuideFromAPhysicalKeypad() {
            Totem.restart()
            current.forceActiveFocus()
            keyClick(Qt.Key_Asterisk)
            verify(Totem.audioGuide)
            keyClick(Qt.Key_Asterisk)
            verify(!Totem.audioGuide)
            keyClick(Qt.Key_Down)
            focused("audioGuide")
            keyClick(Qt.Key_Return)
            verify(Totem.audioGuide)
            Totem.restart()
            verify(!Totem.audioGuide)
            findChild(current.item, "audioGuide").focus = false // the next test starts unfocused
        }

        function test_theWholeFlowFromAPhysicalKeypad() {
            Totem.restart()
            current.forceActiveFocus()
            typeKeys("529982247")
            compare(Totem.cpfTyped, "529.982.247")
            keyClick(Qt.Key_Backspace)
            compare(Totem.cpfTyped, "529.982.24")
            keyClick(Qt.Key_Delete)
            compare(Totem.cpfTyped, "")
            typeKeys("5299822472")
            keyClick(Qt.Key_Return) // a digit is missing: nothing happens
            compare(Totem.screen, Totem.Cpf)
            typeKeys("5")
            keyClick(Qt.Key_Enter)
            compare(Totem.screen, Totem.Service)

            tryVerify(() => findChild(current.item, "service1") !== null, 2000)
            keyClick(Qt.Key_Down)
            focused("service1")
            keyClick(Qt.Key_Down)
            focused("service2")
            keyClick(Qt.Key_Up)
            focused("service1")
            keyClick(Qt.Key_Right)
            focused("service2")
            keyClick(Qt.Key_Return)
            compare(Totem.screen, Totem.Priority)
            compare(Totem.serviceName, "Exames")

            tryVerify(() => findChild(current.item, "priorityNo") !== null, 2000)
            keyClick(Qt.Key_Down)
            focused("priorityNo")
            keyClick(Qt.Key_Down)
            focused("priority_age80")
            keyClick(Qt.Key_Up)
            focused("priorityNo")
            keyClick(Qt.Key_Return)
            tryCompare(Totem, "screen", Totem.Ticket, 5000)
            compare(Totem.priorityLabel, "")

            tryVerify(() => findChild(current.item, "ticketMoreTime") !== null, 2000)
            keyClick(Qt.Key_Down)
            focused("ticketMoreTime")
            const before = Totem.ticketSecondsLeft
            keyClick(Qt.Key_Return)
            verify(Totem.ticketSecondsLeft > before, Totem.ticketSecondsLeft)
            keyClick(Qt.Key_Right)
            focused("ticketDone")
            keyClick(Qt.Key_Return)
            compare(Totem.screen, Totem.Cpf)
        }
    }
}
