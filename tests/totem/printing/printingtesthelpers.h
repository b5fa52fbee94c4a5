// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ticketcontent.h"

#include <QImage>
#include <QString>

namespace clinico::test {

// A ticket as the totem prints it on a busy morning, with every field filled in.
printing::TicketContent sampleTicket();

// What zbarimg reads in the image (the QR's text), empty if it finds no code.
QString readQrCode(const QImage &image);

// Renders page 1 of a PDF at the thermal printer's resolution, in grey.
QImage rasterisePdf(const QByteArray &pdf);

// The page size of a PDF in points, as pdfinfo reports it.
QSizeF pdfPageSizePoints(const QByteArray &pdf);

// The text pdftotext extracts from a PDF.
QString pdfText(const QByteArray &pdf);

// Fraction of pixels in rect that are dark (below mid-grey).
double darkFraction(const QImage &image, const QRect &rect);

// The rows where two images of the same width differ: where a field is drawn.
QPair<int, int> differingRows(const QImage &a, const QImage &b);

// How many pixels differ between two images of the same size.
int differingPixels(const QImage &a, const QImage &b);

// Writes the image where a person can look at it: the test's build folder.
QString saveForReview(const QImage &image, const QString &name);

} // namespace clinico::test
