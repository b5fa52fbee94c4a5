// SPDX-License-Identifier: GPL-3.0-or-later
pragma Singleton
import QtQuick

// Colours chosen for at least 7:1 contrast with the text placed on them and 3:1 for the edges
// of controls (tests/totem/themecontrast_test.cpp checks every pair); sizes in units of a
// 1080-pixel short side, so portrait and landscape totems look the same.
QtObject {
    property real unit: 1
    property bool landscape: false

    readonly property color background: "#F4F7FA"
    readonly property color surface: "#FFFFFF"
    readonly property color text: "#10233A"
    readonly property color textMuted: "#34495E"
    readonly property color placeholder: "#475869"
    readonly property color primary: "#0B4F8A"
    readonly property color primaryInk: "#FFFFFF"
    readonly property color confirm: "#0A5C42"
    readonly property color confirmInk: "#FFFFFF"
    readonly property color key: "#FFFFFF"
    readonly property color keyBorder: "#6B7C8F"
    readonly property color error: "#8E1116"
    readonly property color errorBackground: "#FDECEC"
    readonly property color warning: "#4A3500"
    readonly property color warningBackground: "#FFE08A"
    readonly property color highlight: "#E3EEF9"

    readonly property string fontFamily: "DejaVu Sans"

    function px(v) { return Math.round(v * unit) }
}
