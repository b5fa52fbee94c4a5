// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Clinico.Totem

// The patient's path by touch, screen by screen, with the server out of reach.
Item {
    width: 1080
    height: 1700

    Loader {
        id: current
        anchors.fill: parent
        sourceComponent: {
            switch (Totem.screen) {
            case Totem.Service: return serviceScreen
            case Totem.Priority: return priorityScreen
            case Totem.Ticket: return ticketScreen
            default: return cpfScreen
            }
        }
    }
    Component { id: cpfScreen; CpfScreen { } }
    Component { id: serviceScreen; ServiceScreen { } }
    Component { id: priorityScreen; PriorityScreen { } }
    Component { id: ticketScreen; TicketScreen { } }

    TestCase {
        name: "PatientPath"
        when: windowShown

        function press(name) {
            tryVerify(() => findChild(current.item, name) !== null, 2000, name)
            mouseClick(findChild(current.item, name))
        }

        function test_threeTapsBesidesTheDigitsGiveATicketEvenOffline() {
            Totem.restart()
            for (const d of "11144477735")
                press("key" + d)
            press("keyConfirm")                 // tap 1
            compare(Totem.screen, Totem.Service)
            press("service2")                   // tap 2: Exames
            compare(Totem.screen, Totem.Priority)
            compare(Totem.serviceName, "Exames")
            press("priority_pregnant")          // tap 3
            tryCompare(Totem, "screen", Totem.Ticket, 5000)
            compare(Totem.code, "EP-T1-001")    // no leases yet: the totem's own tagged code
            compare(Totem.priorityLabel, "Preferencial")
            const code = findChild(current.item, "ticketCode")
            compare(code.text, "EP-T1-001")
            // No printer configured here: the patient is asked to write the code down.
            tryCompare(Totem, "printState", Totem.Failed, 2000)
            verify(findChild(current.item, "ticketBanner").text.indexOf("Anote sua senha") >= 0)
        }

        function test_noIsTheFirstAndLargestAnswer() {
            Totem.restart()
            for (const d of "52998224725")
                press("key" + d)
            press("keyConfirm")
            press("service1")
            const no = findChild(current.item, "priorityNo")
            const option = findChild(current.item, "priority_age80")
            verify(no.mapToItem(null, 0, 0).y < option.mapToItem(null, 0, 0).y)
            verify(no.width > option.width)
            verify(option.height >= 100) // far above 15 mm on a 21.5" totem
        }
    }
}
