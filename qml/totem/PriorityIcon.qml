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
            // A white shape with a ring of the background round it, to stand out on white.
            function outlined(path) {
                path(); c.fill()
                c.lineWidth = 3 * s; c.strokeStyle = Theme.primary; path(); c.stroke()
                c.strokeStyle = Theme.primaryInk
            }
            switch (icon.kind) {
            case "pregnant":
                head(48, 22, 9)
                line(48, 34, 46, 60, 10)
                c.beginPath(); c.arc(52 * s, 52 * s, 12 * s, -Math.PI / 2, Math.PI / 2); c.fill()
                line(44, 62, 42, 84, 8); line(50, 62, 54, 84, 8)
                break
            case "lactating":
                // A woman in a dress nursing a baby held across her breast.
                head(40, 18, 9)
                c.beginPath(); c.moveTo(40 * s, 28 * s); c.lineTo(22 * s, 80 * s); c.lineTo(58 * s, 80 * s)
                c.closePath(); c.fill()
                line(34, 80, 34, 90, 6); line(46, 80, 46, 90, 6)
                outlined(function() { c.beginPath(); c.ellipse(44 * s, 38 * s, 34 * s, 14 * s) })
                outlined(function() { c.beginPath(); c.arc(47 * s, 45 * s, 8 * s, 0, 2 * Math.PI) })
                break
            case "infant":
                // An adult carrying a small child sitting up on the arm.
                head(38, 18, 9)
                line(38, 30, 38, 58, 12)
                line(36, 60, 30, 88, 8); line(40, 60, 46, 88, 8)
                line(40, 40, 66, 54, 7)
                head(66, 26, 7)
                line(66, 34, 66, 50, 8)
                line(64, 52, 72, 62, 5)
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
