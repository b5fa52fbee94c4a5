// SPDX-License-Identifier: GPL-3.0-or-later
#include "cpf/cpf.h"

namespace clinico {

namespace {

QString onlyDigits(QStringView text)
{
    QString digits;
    digits.reserve(11);
    for (QChar c : text) {
        if (c.isDigit() && c.unicode() < 128)
            digits.append(c);
    }
    return digits;
}

bool hasOnlyCpfPunctuation(QStringView text)
{
    for (QChar c : text) {
        if (!(c.isDigit() && c.unicode() < 128) && c != u'.' && c != u'-' && c != u' ' && c != u'/')
            return false;
    }
    return true;
}

} // namespace

int Cpf::checkDigit(QStringView digits)
{
    // Weights run from (n + 1) down to 2 over the n digits given (9 for d1, 10 for d2).
    int sum = 0;
    const int n = int(digits.size());
    for (int i = 0; i < n; ++i)
        sum += (digits[i].unicode() - u'0') * (n + 1 - i);
    const int r = sum % 11;
    return r < 2 ? 0 : 11 - r;
}

Result<Cpf> Cpf::parse(QStringView text)
{
    if (!hasOnlyCpfPunctuation(text))
        return makeError(QStringLiteral("cpf_invalid"), QStringLiteral("CPF inválido: use apenas números."));
    const QString digits = onlyDigits(text);
    if (digits.size() != 11)
        return makeError(QStringLiteral("cpf_invalid"), QStringLiteral("CPF inválido: são 11 números."));
    if (digits.count(digits.front()) == 11)
        return makeError(QStringLiteral("cpf_invalid"), QStringLiteral("CPF inválido — confira os números."));
    const int d1 = checkDigit(QStringView(digits).first(9));
    const int d2 = checkDigit(QStringView(digits).first(10));
    if (digits[9].unicode() - u'0' != d1 || digits[10].unicode() - u'0' != d2)
        return makeError(QStringLiteral("cpf_invalid"), QStringLiteral("CPF inválido — confira os números."));
    return Cpf(digits);
}

QString Cpf::formatted() const
{
    return formatPartial(m_digits);
}

QString Cpf::masked() const
{
    return maskForLog(m_digits);
}

// The two check digits are all a log line keeps: enough to tell two patients' lines apart
// during one incident, too little (1 in 100) to find the person.
QString Cpf::maskForLog(QStringView text)
{
    const QString digits = onlyDigits(text);
    if (digits.size() != 11)
        return QStringLiteral("***.***.***-**");
    return QStringLiteral("***.***.***-%1").arg(digits.right(2));
}

QString Cpf::formatPartial(QStringView text)
{
    const QString d = onlyDigits(text).left(11);
    QString out;
    for (int i = 0; i < d.size(); ++i) {
        if (i == 3 || i == 6)
            out.append(u'.');
        else if (i == 9)
            out.append(u'-');
        out.append(d[i]);
    }
    return out;
}

} // namespace clinico
