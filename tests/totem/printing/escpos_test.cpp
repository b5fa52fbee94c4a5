// SPDX-License-Identifier: GPL-3.0-or-later
#include "escpos.h"
#include "printingtesthelpers.h"
#include "ticketrenderer.h"

#include <gtest/gtest.h>

using namespace clinico::printing;

namespace {

QImage blankMono(int width, int height)
{
    QImage image(width, height, QImage::Format_Mono);
    image.setColorTable({ qRgb(255, 255, 255), qRgb(0, 0, 0) });
    image.fill(0);
    return image;
}

bool samePixels(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return false;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            if (qGray(a.pixel(x, y)) != qGray(b.pixel(x, y)))
                return false;
        }
    }
    return true;
}

} // namespace

TEST(EscPosRaster, InitRasterFeedAndCutBytesAreExact)
{
    QImage image = blankMono(16, 3);
    image.setPixel(0, 0, 1);
    image.setPixel(15, 2, 1);
    const QByteArray expected = QByteArray::fromHex("1b40" // ESC @
                                                    "1d763000" // GS v 0, normal density
                                                    "0200"
                                                    "0300" // 2 bytes per row, 3 rows
                                                    "8000"
                                                    "0000"
                                                    "0001" // rows, MSB = leftmost dot
                                                    "1b4a78" // ESC J 120: feed past the cutter
                                                    "1d5601"); // GS V 1: partial cut
    EXPECT_EQ(encodeEscPosRaster(image).toHex().toStdString(), expected.toHex().toStdString());
}

TEST(EscPosRaster, TallImagesGoInBandsOfAtMost128Rows)
{
    const QByteArray bytes = encodeEscPosRaster(blankMono(8, 300));
    QList<int> rows;
    for (qsizetype at = bytes.indexOf("\x1d\x76\x30"); at >= 0; at = bytes.indexOf("\x1d\x76\x30", at + 1)) {
        rows.append(uchar(bytes.at(at + 6)) | (uchar(bytes.at(at + 7)) << 8));
        at += 8;
    }
    EXPECT_EQ(rows, (QList<int> { 128, 128, 44 }));
}

TEST(EscPosRaster, RenderedTicketSurvivesTheRoundTrip)
{
    const QImage ticket = renderTicket(clinico::test::sampleTicket());
    const QImage decoded = decodeEscPosRaster(encodeEscPosRaster(ticket));
    ASSERT_FALSE(decoded.isNull());
    EXPECT_TRUE(samePixels(ticket, decoded));
}

TEST(EscPosRaster, WidthThatIsNotAMultipleOfEightIsPaddedWithWhite)
{
    QImage image = blankMono(10, 2);
    image.fill(1);
    const QImage decoded = decodeEscPosRaster(encodeEscPosRaster(image));
    ASSERT_EQ(decoded.size(), QSize(16, 2));
    for (int x = 0; x < 16; ++x)
        EXPECT_EQ(decoded.pixelIndex(x, 1), x < 10 ? 1 : 0) << "x=" << x;
}

TEST(EscPosRaster, GreyImagesPrintOnlyTheirDarkParts)
{
    QImage image(16, 1, QImage::Format_RGB32);
    image.fill(qRgb(200, 200, 200)); // light grey: paper
    image.setPixel(3, 0, qRgb(20, 20, 20));
    const QImage decoded = decodeEscPosRaster(encodeEscPosRaster(image));
    ASSERT_EQ(decoded.width(), 16);
    for (int x = 0; x < 16; ++x)
        EXPECT_EQ(decoded.pixelIndex(x, 0), x == 3 ? 1 : 0) << "x=" << x;
}

TEST(EscPosRaster, TruncatedRasterDecodesToNothing)
{
    QByteArray bytes = encodeEscPosRaster(blankMono(64, 64));
    bytes.truncate(40);
    EXPECT_TRUE(decodeEscPosRaster(bytes).isNull());
    EXPECT_TRUE(decodeEscPosRaster(QByteArray("\x1b@", 2)).isNull());
}
