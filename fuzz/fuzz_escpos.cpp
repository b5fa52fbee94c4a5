// SPDX-License-Identifier: GPL-3.0-or-later
// The ESC/POS raster decoder (what the tests read printed bytes with) on any byte stream, and
// the encoder on whatever it decodes: encoding a decoded raster and decoding it again must
// give the same image.
#include "escpos.h"

#include <cstdlib>

using namespace clinico::printing;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QImage image
        = decodeEscPosRaster(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (image.isNull() || image.width() > 2048 || image.height() > 4096)
        return 0;
    const QImage again = decodeEscPosRaster(encodeEscPosRaster(image));
    if (again.size() != image.size())
        std::abort();
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qGray(image.pixel(x, y)) < 128 != qGray(again.pixel(x, y)) < 128)
                std::abort();
        }
    }
    return 0;
}
