// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP request limits, where the bytes arrive (server/transport/RequestFraming): any byte
// stream a client could send, fed whole and fed in two pieces split where the first two bytes
// say, must end in the same verdict; the framing never depends on how TCP cut the stream.
#include "transport/requestframing.h"

#include <cstdlib>

using clinico::server::RequestFraming;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));
    const qsizetype split = (data[0] | (data[1] << 8)) % (stream.size() + 1);
    constexpr qint64 kHead = 512, kBody = 1024; // small, so the fuzzer reaches them
    RequestFraming whole(kHead, kBody);
    whole.feed(stream);
    RequestFraming pieces(kHead, kBody);
    pieces.feed(stream.first(split));
    pieces.feed(stream.sliced(split));
    if (whole.refusal() != pieces.refusal() || whole.phase() != pieces.phase())
        std::abort();
    return 0;
}
