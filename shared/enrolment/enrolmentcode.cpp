// SPDX-License-Identifier: GPL-3.0-or-later
#include "enrolment/enrolmentcode.h"

#include <QRandomGenerator>

namespace clinico::EnrolmentCode {

QString generate()
{
    QString code;
    for (int i = 0; i < kLength; ++i)
        code += kAlphabet[QRandomGenerator::system()->bounded(int(kAlphabet.size()))];
    return code;
}

QString display(const QString &normalized)
{
    return normalized.left(kLength / 2) + QLatin1Char('-') + normalized.mid(kLength / 2);
}

std::optional<QString> normalize(QStringView typed)
{
    QString code;
    for (QChar c : typed) {
        if (c == u' ' || c == u'-')
            continue;
        c = c.toUpper();
        if (!kAlphabet.contains(c))
            return std::nullopt;
        code += c;
    }
    if (code.size() != kLength)
        return std::nullopt;
    return code;
}

} // namespace clinico::EnrolmentCode
