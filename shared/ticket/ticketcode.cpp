// SPDX-License-Identifier: GPL-3.0-or-later
#include "ticket/ticketcode.h"

#include <QStringList>

namespace clinico::TicketCode {

bool isValidPrefix(QStringView prefix)
{
    if (prefix.isEmpty() || prefix.size() > 3)
        return false;
    for (QChar c : prefix) {
        if (c < u'A' || c > u'Z')
            return false;
    }
    return true;
}

QString make(QStringView prefix, PriorityClass c, int number)
{
    return prefix.toString() + codeMarker(c) + QStringLiteral("%1").arg(number, 3, 10, QLatin1Char('0'));
}

QString makeOffline(QStringView prefix, PriorityClass c, QStringView deviceTag, int number)
{
    return prefix.toString() + codeMarker(c) + u'-' + deviceTag.toString() + u'-'
        + QStringLiteral("%1").arg(number, 3, 10, QLatin1Char('0'));
}

QString numberInWords(int n)
{
    static const char *const units[]
        = { "zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "onze",
              "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove" };
    static const char *const tens[]
        = { "", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa" };
    static const char *const hundreds[] = { "", "cento", "duzentos", "trezentos", "quatrocentos",
        "quinhentos", "seiscentos", "setecentos", "oitocentos", "novecentos" };
    if (n < 0 || n > 9999)
        return QString::number(n);
    if (n < 20)
        return QString::fromUtf8(units[n]);
    if (n < 100) {
        const QString t = QString::fromUtf8(tens[n / 10]);
        return n % 10 ? t + QStringLiteral(" e ") + QString::fromUtf8(units[n % 10]) : t;
    }
    if (n == 100)
        return QStringLiteral("cem");
    if (n < 1000) {
        const QString h = QString::fromUtf8(hundreds[n / 100]);
        return n % 100 ? h + QStringLiteral(" e ") + numberInWords(n % 100) : h;
    }
    const QString th
        = n / 1000 == 1 ? QStringLiteral("mil") : numberInWords(n / 1000) + QStringLiteral(" mil");
    const int rest = n % 1000;
    if (!rest)
        return th;
    // "mil e cem", "mil e vinte", but "mil duzentos e três"
    const bool joinWithE = rest < 100 || rest % 100 == 0;
    return th + (joinWithE ? QStringLiteral(" e ") : QStringLiteral(" ")) + numberInWords(rest);
}

QString spoken(QStringView code)
{
    QStringList parts;
    QString digits;
    auto flushDigits = [&] {
        if (!digits.isEmpty()) {
            parts << numberInWords(digits.toInt());
            digits.clear();
        }
    };
    for (QChar c : code) {
        if (c.isDigit()) {
            digits.append(c);
        } else {
            flushDigits();
            if (c.isLetter())
                parts << QString(c.toUpper());
        }
    }
    flushDigits();
    return parts.join(u' ');
}

} // namespace clinico::TicketCode
