// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ticketcontent.h"

#include <QImage>

class QPainter;

namespace clinico::printing {

// 576 dots: the printable width of an 80 mm thermal printer at 203 dpi.
inline constexpr int kThermalWidthDots = 576;
inline constexpr int kThermalDpi = 203;

// The ticket as a black-and-white image (QImage::Format_Mono, 0 = white, 1 = black),
// ready for a thermal printer's raster mode.
QImage renderTicket(const TicketContent &ticket, int widthDots = kThermalWidthDots);

// The one drawing of a ticket, in a coordinate system widthDots wide, top at y = 0.
// Returns the height it used. The image and the PDF both call this.
int paintTicket(QPainter &painter, const TicketContent &ticket, int widthDots);

// The height paintTicket() will use, without drawing.
int ticketHeight(const TicketContent &ticket, int widthDots = kThermalWidthDots);

// Any image as QImage::Format_Mono with 0 = white and 1 = black (threshold at mid-grey), which is
// also the bit layout of a thermal printer's raster rows.
QImage toThermalBits(const QImage &image);

} // namespace clinico::printing
