// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Clinico.Tv

// A destination as large as its box allows: on one line when it reads well there
// ("Consultório 3"), on two when it is long ("Sala de Coleta de Exames Laboratoriais 12"),
// and never with its number alone on a line.
Text {
    id: label
    required property string destination
    required property real preferredPixelSize

    readonly property bool fitsOnOneLine: metrics.advanceWidth <= width

    TextMetrics {
        id: metrics
        font { family: Theme.font; bold: true; pixelSize: label.preferredPixelSize * 0.7 }
        text: label.destination
    }

    text: destination.replace(/ (\d+)$/, "\u00a0$1")
    wrapMode: fitsOnOneLine ? Text.NoWrap : Text.WordWrap
    fontSizeMode: Text.Fit
    minimumPixelSize: 12
    font { family: Theme.font; pixelSize: preferredPixelSize; bold: true }
}
