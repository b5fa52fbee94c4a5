// SPDX-License-Identifier: GPL-3.0-or-later
// The lines between the TV and its voice process, read by both sides.
#include "announce/voicemessages.h"

#include <cstdlib>

using namespace clinico::voice;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray line(reinterpret_cast<const char *>(data), qsizetype(size));
    if (auto request = VoiceRequest::fromLine(line); request && !VoiceRequest::fromLine(request->toLine()))
        std::abort();
    if (auto reply = VoiceReply::fromLine(line); reply && !VoiceReply::fromLine(reply->toLine()))
        std::abort();
    return 0;
}
