// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/randomtoken.h"

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>

namespace clinico {

QString randomUrlToken(int bytes)
{
    QList<quint32> words((bytes + 3) / 4);
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray raw(reinterpret_cast<const char *>(words.constData()), bytes);
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace clinico
