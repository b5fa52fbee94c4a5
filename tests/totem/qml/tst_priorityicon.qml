// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Clinico.Totem

// People who cannot read the labels tell the priority groups apart by their pictograms.
Item {
    width: 800
    height: 300

    Row {
        PriorityIcon { id: lactating; width: 200; height: 200; kind: "lactating" }
        PriorityIcon { id: infant; width: 200; height: 200; kind: "infant" }
        PriorityIcon { id: pregnant; width: 200; height: 200; kind: "pregnant" }
        PriorityIcon { id: mobility; width: 200; height: 200; kind: "mobility" }
    }

    TestCase {
        name: "PriorityIcon"
        when: windowShown

        // The share of sample points where two pictograms differ.
        function difference(a, b) {
            const ia = grabImage(a)
            const ib = grabImage(b)
            let differing = 0
            let samples = 0
            for (let y = 0; y < a.height; y += 4) {
                for (let x = 0; x < a.width; x += 4) {
                    ++samples
                    if (!Qt.colorEqual(ia.pixel(x, y), ib.pixel(x, y)))
                        ++differing
                }
            }
            return differing / samples
        }

        function test_everyPictogramLooksDifferent() {
            waitForRendering(lactating)
            const icons = { lactating: lactating, infant: infant, pregnant: pregnant, mobility: mobility }
            const names = Object.keys(icons)
            for (let i = 0; i < names.length; ++i) {
                for (let j = i + 1; j < names.length; ++j) {
                    const d = difference(icons[names[i]], icons[names[j]])
                    verify(d > 0.05, names[i] + " and " + names[j] + " differ on only "
                           + Math.round(d * 100) + "% of the icon")
                }
            }
        }
    }
}
