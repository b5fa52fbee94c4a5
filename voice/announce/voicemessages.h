// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace clinico::voice {

// The lines an app (the TV, the totem) and its voice process (clinico-voice) exchange over the
// worker's stdin and stdout: one compact JSON object per line, one reply per request, in order.
struct VoiceRequest
{
    QString text; // empty: chime only
    bool chime = true;
    double volume = 0.8; // 0..1
    // Cut short what is being said (and drop what waits) to say this: the totem's guide, where
    // a key press outdates the screen's instructions. The cut requests are still answered.
    bool interrupt = false;
    // The voice's language ("pt_BR", "en", "es"): the totem's patient may choose one.
    QString language = QStringLiteral("pt_BR");
    QByteArray toLine() const;
    static Result<VoiceRequest> fromLine(const QByteArray &line);
};

struct VoiceReply
{
    bool ok = true; // everything asked for was heard
    QString problem; // when not ok: what failed, for the admin ("dispositivo de som ...")
    QByteArray toLine() const;
    static Result<VoiceReply> fromLine(const QByteArray &line);
};

// A line longer than this is not a message: the reader stops.
inline constexpr qsizetype kMaxVoiceLineBytes = 8 * 1024;

} // namespace clinico::voice
