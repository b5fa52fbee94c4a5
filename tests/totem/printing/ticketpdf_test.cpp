// SPDX-License-Identifier: GPL-3.0-or-later
#include "printingtesthelpers.h"
#include "ticketpdf.h"
#include "ticketrenderer.h"

#include <gtest/gtest.h>

using namespace clinico::printing;
using clinico::test::sampleTicket;

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

} // namespace

TEST(TicketPdf, PageIsEightyMillimetresWideAndAsLongAsTheTicket)
{
    const QSizeF size = clinico::test::pdfPageSizePoints(renderTicketPdf(sampleTicket()));
    EXPECT_NEAR(size.width() / kPointsPerMm, 80.0, 0.5);
    EXPECT_NEAR(size.height() / kPointsPerMm, ticketPdfHeightMm(sampleTicket()), 0.5);
}

TEST(TicketPdf, TextKeepsTheCodeAndPortugueseAccents)
{
    const QString text = clinico::test::pdfText(renderTicketPdf(sampleTicket()));
    EXPECT_TRUE(text.contains(QStringLiteral("CP012"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Clínica São Lucas"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("PREFERENCIAL 80+"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("24/11/2026 às 08:15"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("4 pessoas à sua frente"))) << text.toStdString();
}

TEST(TicketPdf, PageLooksLikeTheThermalTicket)
{
    const QImage page = clinico::test::rasterisePdf(renderTicketPdf(sampleTicket()));
    ASSERT_FALSE(page.isNull());
    const QImage thermal = renderTicket(sampleTicket()).convertToFormat(QImage::Format_Grayscale8);
    // 80 mm at 203 dpi, with the 72 mm printable band centred.
    EXPECT_NEAR(page.width(), 639, 2);
    EXPECT_NEAR(page.height(), thermal.height(), 3);
    const int left = (page.width() - thermal.width()) / 2;
    const QImage band
        = page.copy(left, 0, thermal.width(), page.height()).convertToFormat(QImage::Format_Grayscale8);
    // Same drawing: block by block the ink matches closely.
    const int block = 24;
    double worst = 0;
    for (int y = 0; y + block <= std::min(band.height(), thermal.height()); y += block) {
        for (int x = 0; x + block <= thermal.width(); x += block) {
            const QRect r(x, y, block, block);
            worst = std::max(worst,
                std::abs(clinico::test::darkFraction(band, r) - clinico::test::darkFraction(thermal, r)));
        }
    }
    EXPECT_LT(worst, 0.15);
    EXPECT_EQ(clinico::test::readQrCode(page), sampleTicket().statusUrl);
    clinico::test::saveForReview(page, QStringLiteral("ticket-pdf-page.png"));
}
