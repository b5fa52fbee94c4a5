// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QImage>

namespace clinico::printing {

// Rows per GS v 0 band: small enough for the receive buffer of cheap printers.
inline constexpr int kEscPosBandRows = 128;
// Dots fed (ESC J) after the raster so the ticket clears the cutter.
inline constexpr int kEscPosFeedDots = 120;

// ESC @, the image as GS v 0 raster bands (any non-white pixel prints), ESC J feed, GS V cut.
QByteArray encodeEscPosRaster(const QImage &image);

// The inverse: every GS v 0 band stacked into one QImage::Format_Mono image.
// Other commands are skipped. A null image if the bytes hold no valid raster.
QImage decodeEscPosRaster(const QByteArray &bytes);

} // namespace clinico::printing
