// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Clinico.Totem

Item {
    width: 1080
    height: 1700

    CpfScreen {
        id: screen
        anchors.fill: parent
    }

    TestCase {
        name: "CpfScreen"
        when: windowShown

        function press(name) {
            const key = findChild(screen, name)
            verify(key, name)
            mouseClick(key)
        }
        function type(digits) {
            for (const d of digits)
                press("key" + d)
        }

        function init() { Totem.restart() }

        function test_theMaskFillsInAsDigitsAreTyped() {
            type("5299")
            compare(Totem.cpfTyped, "529.9")
            compare(Totem.cpfRemaining, "__.___-__")
            compare(findChild(screen, "cpfTyped").text, "529.9")
            verify(!findChild(screen, "keyConfirm").enabled)
        }

        function test_eraseTakesBackTheLastDigit() {
            type("529")
            press("keyErase")
            compare(Totem.cpfTyped, "52")
        }

        function test_limparClearsEveryDigitAtOnce() {
            type("5299822")
            press("keyClear")
            compare(Totem.cpfTyped, "")
            compare(findChild(screen, "cpfRemaining").text, "___.___.___-__")
        }

        function test_theDisabledConfirmarSaysHowManyDigitsAreMissing() {
            const confirm = findChild(screen, "keyConfirm")
            verify(confirm.text.indexOf("Faltam 11 números") >= 0, confirm.text)
            type("52998224")
            verify(!confirm.enabled)
            verify(confirm.text.indexOf("Faltam 3 números") >= 0, confirm.text)
            type("72")
            verify(confirm.text.indexOf("Falta 1 número") >= 0, confirm.text)
            type("5")
            verify(confirm.enabled)
            compare(confirm.text, "Confirmar")
        }

        function test_largeTextAndHighContrastIsOneTapAwayAndOnlyForThisPatient() {
            verify(!Totem.highVisibility)
            press("highVisibility")
            verify(Totem.highVisibility)
            compare(findChild(screen, "highVisibility").text, "Voltar às letras normais")
            Totem.restart()
            verify(!Totem.highVisibility)
        }

        function test_ouvirInstrucoesIsOneTapAwayAndOnlyForThisPatient() {
            verify(!Totem.audioGuide)
            compare(findChild(screen, "audioGuideLabel").text, "Ouvir instruções")
            press("audioGuide")
            verify(Totem.audioGuide)
            compare(findChild(screen, "audioGuideLabel").text, "Desligar instruções faladas")
            // No clinico-voice beside this test: the voice cannot start, and the screen goes on.
            type("529")
            compare(Totem.cpfTyped, "529")
            Totem.restart()
            verify(!Totem.audioGuide)
            compare(findChild(screen, "audioGuideLabel").text, "Ouvir instruções")
        }

        function test_anInvalidCpfIsSaidKindlyAtOnceAndCannotBeConfirmed() {
            type("52998224724")
            const error = findChild(screen, "cpfError")
            verify(error.visible)
            verify(error.text.indexOf("CPF inválido — confira os números") >= 0, error.text)
            verify(!findChild(screen, "keyConfirm").enabled)
            press("keyConfirm")
            compare(Totem.screen, Totem.Cpf)
        }

        function test_aValidCpfLeadsToTheServicesAndLeavesTheScreen() {
            type("52998224725")
            verify(findChild(screen, "keyConfirm").enabled)
            press("keyConfirm")
            compare(Totem.screen, Totem.Service)
            compare(Totem.cpfTyped, "")
        }
    }
}
