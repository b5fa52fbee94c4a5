// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Clinico.Totem

// The ticket screen with no printer: the patient must copy the code, so the screen counts
// down where it can be seen, for longer, and "Preciso de mais tempo" extends it.
Item {
    width: 1080
    height: 1700

    Loader {
        id: current
        anchors.fill: parent
        active: Totem.screen === Totem.Ticket
        sourceComponent: TicketScreen { }
    }

    TestCase {
        name: "TicketScreen"
        when: windowShown

        function issueWithoutPrinter() {
            Totem.restart()
            for (const d of "12345678909")
                Totem.typeDigit(Number(d))
            Totem.confirmCpf()
            Totem.chooseService(1)
            Totem.choosePriority("normal")
            tryCompare(Totem, "screen", Totem.Ticket, 5000)
            compare(Totem.printState, Totem.Failed)
            tryVerify(() => findChild(current.item, "ticketCountdown") !== null, 2000)
        }

        function cleanup() { Totem.restart() }

        function test_withNoPrinterTheScreenStaysAMinuteAndCountsDownVisibly() {
            issueWithoutPrinter()
            verify(Totem.ticketSecondsLeft > 50, Totem.ticketSecondsLeft)
            const countdown = findChild(current.item, "ticketCountdown")
            verify(countdown.visible)
            verify(countdown.text.indexOf(Totem.ticketSecondsLeft + " segundos") >= 0, countdown.text)
            const before = Totem.ticketSecondsLeft
            tryVerify(() => Totem.ticketSecondsLeft < before, 2500)
            verify(countdown.text.indexOf(Totem.ticketSecondsLeft + " segundos") >= 0, countdown.text)
        }

        function test_moreTimeExtendsTheCountdown() {
            issueWithoutPrinter()
            const before = Totem.ticketSecondsLeft
            mouseClick(findChild(current.item, "ticketMoreTime"))
            verify(Totem.ticketSecondsLeft >= before + 59, Totem.ticketSecondsLeft)
            compare(Totem.screen, Totem.Ticket)
        }

        function test_prontoGoesBackToTheStart() {
            issueWithoutPrinter()
            mouseClick(findChild(current.item, "ticketDone"))
            compare(Totem.screen, Totem.Cpf)
            compare(Totem.ticketSecondsLeft, 0)
        }

        function test_theWordingIsTheSameForEveryone() {
            issueWithoutPrinter()
            const advice = findChild(current.item, "ticketAdvice")
            verify(advice.text.indexOf("aguarde a chamada pela TV") >= 0, advice.text)
            verify(advice.text.indexOf("chamado") < 0, advice.text)
        }
    }
}
