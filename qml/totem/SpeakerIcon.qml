// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

// A loudspeaker with sound waves, the pictogram of the audio guide, drawn in `ink`.
Canvas {
    id: icon
    property color ink: Theme.text
    onInkChanged: requestPaint()
    onPaint: {
        const c = getContext("2d")
        const s = width / 100
        c.reset()
        c.fillStyle = icon.ink
        c.strokeStyle = icon.ink
        c.lineCap = "round"
        // The box and the cone.
        c.beginPath()
        c.moveTo(8 * s, 36 * s); c.lineTo(28 * s, 36 * s); c.lineTo(52 * s, 14 * s)
        c.lineTo(52 * s, 86 * s); c.lineTo(28 * s, 64 * s); c.lineTo(8 * s, 64 * s)
        c.closePath()
        c.fill()
        // Two waves.
        c.lineWidth = 8 * s
        for (const r of [18, 34]) {
            c.beginPath()
            c.arc(54 * s, 50 * s, r * s, -Math.PI / 4, Math.PI / 4)
            c.stroke()
        }
    }
}
