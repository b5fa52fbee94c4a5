// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"

#include <QString>

namespace clinico::voice {

// What the TV says for a call, in Brazilian Portuguese, written so a speech engine cannot get
// it wrong: letters by their names ("cê pê", never the word "e"), leading zeros one by one,
// the number in words ("zero doze"), the destination with its number in words
// ("consultório três"). A recall says so first.
namespace Phrasing {
QString spokenText(const protocol::CallAnnouncement &call);
QString spokenCode(const QString &code); // "CP012" -> "cê pê zero doze"
QString numberInWords(qint64 n); // 0..999999, masculine: 312 -> "trezentos e doze"
QString letterName(QChar letter); // 'E' -> "é"
QString spokenDestination(const QString &counter); // "Consultório 3" -> "consultório três"
} // namespace Phrasing

} // namespace clinico::voice
