// SPDX-License-Identifier: GPL-3.0-or-later
pragma Singleton
import QtQuick

// Colours chosen for at least 7:1 contrast with the text placed on them and 3:1 for the edges
// of controls (tests/totem/themecontrast_test.cpp checks every pair); sizes in units of a
// 1080-pixel short side, so portrait and landscape totems look the same.
QtObject {
    property real unit: 1
    property bool landscape: false
    // "Letras grandes e alto contraste", for one patient: white and yellow on black, and the
    // labels of buttons and titles a quarter larger.
    property bool highContrast: false
    readonly property real textScale: highContrast ? 1.25 : 1

    readonly property color background: highContrast ? "#000000" : "#F4F7FA"
    readonly property color surface: highContrast ? "#1A1A1A" : "#FFFFFF"
    readonly property color text: highContrast ? "#FFFFFF" : "#10233A"
    readonly property color textMuted: highContrast ? "#E6E6E6" : "#34495E"
    readonly property color placeholder: highContrast ? "#BDBDBD" : "#475869"
    readonly property color primary: highContrast ? "#FFD400" : "#0B4F8A"
    readonly property color primaryInk: highContrast ? "#000000" : "#FFFFFF"
    readonly property color confirm: highContrast ? "#7CFC9A" : "#0A5C42"
    readonly property color confirmInk: highContrast ? "#000000" : "#FFFFFF"
    readonly property color key: highContrast ? "#1A1A1A" : "#FFFFFF"
    readonly property color keyBorder: highContrast ? "#FFFFFF" : "#6B7C8F"
    readonly property color error: highContrast ? "#FF8A80" : "#8E1116"
    readonly property color errorBackground: highContrast ? "#000000" : "#FDECEC"
    readonly property color warning: highContrast ? "#000000" : "#4A3500"
    readonly property color warningBackground: highContrast ? "#FFD400" : "#FFE08A"
    readonly property color highlight: highContrast ? "#333333" : "#E3EEF9"
    readonly property color focusRing: highContrast ? "#00E5FF" : "#7A1FA2"

    readonly property string fontFamily: "DejaVu Sans"

    function px(v) { return Math.round(v * unit) }
}
