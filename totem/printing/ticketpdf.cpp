// SPDX-License-Identifier: GPL-3.0-or-later
#include "ticketpdf.h"

#include "ticketrenderer.h"

#include <QBuffer>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace clinico::printing {

double ticketPdfHeightMm(const TicketContent &ticket)
{
    return ticketHeight(ticket, kThermalWidthDots) * 25.4 / kThermalDpi;
}

QByteArray renderTicketPdf(const TicketContent &ticket)
{
    const double heightMm = ticketPdfHeightMm(ticket);

    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(kThermalDpi);
        writer.setPageSize(QPageSize(QSizeF(kPdfPageWidthMm, heightMm), QPageSize::Millimeter,
            QStringLiteral("Senha 80 mm"), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(QStringLiteral("Senha %1").arg(ticket.code));
        writer.setCreator(QStringLiteral("Clinico"));
        QPainter painter(&writer);
        // The 72 mm printable band of a thermal roll, centred on the 80 mm page.
        painter.translate((writer.width() - kThermalWidthDots) / 2.0, 0);
        paintTicket(painter, ticket, kThermalWidthDots);
    }
    return pdf;
}

} // namespace clinico::printing
