// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Clinico.Totem

// The whole flow from a physical keypad: digits, Backspace (Apagar), Delete (Limpar) and Enter
// type and confirm the CPF (TotemFlow::cpfKey); the arrows move the focus ring between the
// choices on screen and Enter picks the one it is on. Give it the key events of `scope`.
QtObject {
    id: path
    required property Item scope

    function handle(event: KeyEvent) {
        const current = path.scope.Window.activeFocusItem
        const enter = event.key === Qt.Key_Return || event.key === Qt.Key_Enter
        // On a button? (Known by its clicked signal: instanceof AbstractButton did not match
        // these Buttons here.)
        const onButton = current !== null && current !== path.scope && typeof current.clicked === "function"
        if (enter && onButton) {
            if (current.enabled)
                current.clicked()
            event.accepted = true
        } else if (Totem.cpfKey(event.key)) {
            event.accepted = true
        } else if (event.key === Qt.Key_Down || event.key === Qt.Key_Right
                   || event.key === Qt.Key_Up || event.key === Qt.Key_Left) {
            const forward = event.key === Qt.Key_Down || event.key === Qt.Key_Right
            const next = (current ?? path.scope).nextItemInFocusChain(forward)
            if (next)
                next.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason)
            event.accepted = true
        }
    }
}
