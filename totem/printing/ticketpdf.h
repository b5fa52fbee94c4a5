// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ticketcontent.h"

#include <QByteArray>

namespace clinico::printing {

inline constexpr double kPdfPageWidthMm = 80.0;

// A one-page PDF 80 mm wide and as tall as the ticket, drawn by the same code as the image.
QByteArray renderTicketPdf(const TicketContent &ticket);

// The page length renderTicketPdf() uses for this ticket.
double ticketPdfHeightMm(const TicketContent &ticket);

} // namespace clinico::printing
