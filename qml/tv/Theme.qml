// SPDX-License-Identifier: GPL-3.0-or-later
pragma Singleton
import QtQuick

// Colours and type for a room 8 metres deep: dark calm background, white and warm-yellow
// text, no thin strokes; every text at least 7:1 on its panel (tests/tv/themecontrast_test.cpp).
QtObject {
    readonly property color background: "#0b1d2e"
    readonly property color panel: "#12304a"
    readonly property color panelAlt: "#0f2840"
    readonly property color line: "#24476a"
    readonly property color text: "#ffffff"
    readonly property color muted: "#a9bdd3"
    readonly property color accent: "#ffd166"
    readonly property color accentInk: "#0b1d2e"
    readonly property color offline: "#ffa98f"
    readonly property string font: "DejaVu Sans"
}
