// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

// A plain pictogram per legal group, in the style of the public priority signs: white on
// the primary colour, readable by people who cannot read the label.
Rectangle {
    id: icon
    property string kind
    property string badge
    radius: width / 2
    color: Theme.primary

    Text {
        anchors.centerIn: parent
        visible: icon.badge.length > 0 || icon.kind === "disability" || icon.kind === "autism"
        text: icon.badge.length > 0 ? icon.badge : (icon.kind === "disability" ? "♿" : "∞")
        font.family: Theme.fontFamily
        font.pixelSize: icon.badge.length > 0 ? icon.height * 0.36 : icon.height * 0.7
        font.bold: true
        color: Theme.primaryInk
    }

    Canvas {
        anchors.fill: parent
        visible: !(icon.badge.length > 0 || icon.kind === "disability" || icon.kind === "autism")
        onPaint: {
            const c = getContext("2d")
            const s = width / 100
            c.reset()
            c.fillStyle = Theme.primaryInk
            c.strokeStyle = Theme.primaryInk
            c.lineCap = "round"
            function head(x, y, r) { c.beginPath(); c.arc(x * s, y * s, r * s, 0, 2 * Math.PI); c.fill() }
            function line(x1, y1, x2, y2, w) {
                c.lineWidth = w * s; c.beginPath(); c.moveTo(x1 * s, y1 * s); c.lineTo(x2 * s, y2 * s); c.stroke()
            }
            switch (icon.kind) {
            case "pregnant":
                head(48, 22, 9)
                line(48, 34, 46, 60, 10)
                c.beginPath(); c.arc(52 * s, 52 * s, 12 * s, -Math.PI / 2, Math.PI / 2); c.fill()
                line(44, 62, 42, 84, 8); line(50, 62, 54, 84, 8)
                break
            case "lactating":
            case "infant":
                head(42, 22, 9)
                line(42, 34, 42, 62, 11)
                line(40, 64, 38, 86, 8); line(44, 64, 48, 86, 8)
                head(62, 44, 7)
                line(44, 46, 68, 54, 7)
                break
            case "mobility":
                head(44, 20, 9)
                line(44, 32, 44, 60, 11)
                line(42, 62, 36, 86, 8); line(46, 62, 54, 86, 8)
                line(46, 40, 64, 52, 7)
                line(66, 50, 70, 86, 5)
                break
            }
        }
    }
}
