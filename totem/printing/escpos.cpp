// SPDX-License-Identifier: GPL-3.0-or-later
#include "escpos.h"

#include "ticketrenderer.h"

#include <algorithm>

namespace clinico::printing {

namespace {

constexpr char ESC = 0x1b;
constexpr char GS = 0x1d;

void appendUint16(QByteArray &out, int value)
{
    out.append(char(value & 0xff));
    out.append(char((value >> 8) & 0xff));
}

} // namespace

QByteArray encodeEscPosRaster(const QImage &image)
{
    QByteArray out;
    out.append(ESC).append('@');
    if (!image.isNull()) {
        const QImage bits = toThermalBits(image);
        const int width = bits.width();
        const int bytesPerRow = (width + 7) / 8;
        // Bits past the right edge must be white, whatever the scanline padding holds.
        const auto lastByteMask
            = static_cast<uchar>(width % 8 == 0 ? 0xff : (0xff << (8 - width % 8)) & 0xff);
        out.reserve(out.size() + bits.height() * bytesPerRow + (bits.height() / kEscPosBandRows + 1) * 8 + 8);
        for (int top = 0; top < bits.height(); top += kEscPosBandRows) {
            const int rows = std::min(kEscPosBandRows, bits.height() - top);
            out.append(GS).append('v').append('0').append(char(0));
            appendUint16(out, bytesPerRow);
            appendUint16(out, rows);
            for (int y = top; y < top + rows; ++y) {
                const auto *line = reinterpret_cast<const char *>(bits.constScanLine(y));
                const qsizetype start = out.size();
                out.append(line, bytesPerRow);
                out[start + bytesPerRow - 1] = char(uchar(out.at(start + bytesPerRow - 1)) & lastByteMask);
            }
        }
    }
    out.append(ESC).append('J').append(char(kEscPosFeedDots));
    out.append(GS).append('V').append(char(1)); // partial cut: the one every 80 mm model accepts
    return out;
}

QImage decodeEscPosRaster(const QByteArray &bytes)
{
    struct Band
    {
        int bytesPerRow;
        int rows;
        qsizetype offset;
    };
    QList<Band> bands;
    const auto at = [&bytes](qsizetype i) { return uchar(bytes.at(i)); };
    qsizetype i = 0;
    while (i < bytes.size()) {
        const uchar c = at(i);
        if (c == uchar(ESC) && i + 1 < bytes.size()) {
            const uchar cmd = at(i + 1);
            i += (cmd == 'J' || cmd == 'd' || cmd == 'a' || cmd == '!' || cmd == 'E') ? 3 : 2;
        } else if (c == uchar(GS) && i + 1 < bytes.size() && at(i + 1) == 'v') {
            if (i + 8 > bytes.size() || at(i + 2) != '0')
                return {};
            const int bytesPerRow = at(i + 4) | (at(i + 5) << 8);
            const int rows = at(i + 6) | (at(i + 7) << 8);
            const qsizetype data = i + 8;
            if (bytesPerRow == 0 || rows == 0 || data + qsizetype(bytesPerRow) * rows > bytes.size())
                return {};
            bands.append({ bytesPerRow, rows, data });
            i = data + qsizetype(bytesPerRow) * rows;
        } else if (c == uchar(GS) && i + 2 < bytes.size() && at(i + 1) == 'V') {
            i += at(i + 2) >= 65 ? 4 : 3;
        } else {
            ++i;
        }
    }
    if (bands.isEmpty())
        return {};
    int widthBytes = 0;
    int height = 0;
    for (const Band &band : bands) {
        widthBytes = std::max(widthBytes, band.bytesPerRow);
        height += band.rows;
    }
    QImage image(widthBytes * 8, height, QImage::Format_Mono);
    image.setColorTable({ qRgb(255, 255, 255), qRgb(0, 0, 0) });
    image.fill(0);
    int y = 0;
    for (const Band &band : bands) {
        for (int row = 0; row < band.rows; ++row, ++y)
            std::copy_n(bytes.constData() + band.offset + qsizetype(row) * band.bytesPerRow, band.bytesPerRow,
                reinterpret_cast<char *>(image.scanLine(y)));
    }
    return image;
}

} // namespace clinico::printing
