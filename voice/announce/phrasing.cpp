// SPDX-License-Identifier: GPL-3.0-or-later
#include "announce/phrasing.h"

#include <QRegularExpression>
#include <QStringList>

namespace clinico::voice::Phrasing {

namespace {
const char *const kUnits[]
    = { "zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "onze",
          "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove" };
const char *const kTens[]
    = { "", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa" };
const char *const kHundreds[] = { "", "cento", "duzentos", "trezentos", "quatrocentos", "quinhentos",
    "seiscentos", "setecentos", "oitocentos", "novecentos" };

QString below1000(int n)
{
    if (n < 20)
        return QString::fromUtf8(kUnits[n]);
    if (n < 100) {
        const QString tens = QString::fromUtf8(kTens[n / 10]);
        return n % 10 ? tens + QStringLiteral(" e ") + QString::fromUtf8(kUnits[n % 10]) : tens;
    }
    if (n == 100)
        return QStringLiteral("cem");
    const QString hundreds = QString::fromUtf8(kHundreds[n / 100]);
    return n % 100 ? hundreds + QStringLiteral(" e ") + below1000(n % 100) : hundreds;
}

// Words and numbers of a free text ("Sala B 12"): digit runs in words, lone capitals by name.
QString spokenWords(const QString &text)
{
    static const QRegularExpression token(QStringLiteral("\\d+|\\p{L}+|[^\\d\\p{L}]+"));
    QString out;
    auto it = token.globalMatch(text);
    while (it.hasNext()) {
        const QString t = it.next().captured();
        if (t.at(0).isDigit())
            out += numberInWords(t.toLongLong());
        else if (t.size() == 1 && t.at(0).isUpper())
            out += letterName(t.at(0));
        else
            out += t;
    }
    return out;
}
} // namespace

QString numberInWords(qint64 n)
{
    if (n < 0 || n > 999999)
        return QString::number(n);
    if (n < 1000)
        return below1000(int(n));
    const int thousands = int(n / 1000);
    const int rest = int(n % 1000);
    const QString head
        = thousands == 1 ? QStringLiteral("mil") : below1000(thousands) + QStringLiteral(" mil");
    if (!rest)
        return head;
    // "mil e um", "mil e cem", "mil duzentos e trinta"
    const bool joinWithE = rest < 100 || rest % 100 == 0;
    return head + (joinWithE ? QStringLiteral(" e ") : QStringLiteral(" ")) + below1000(rest);
}

QString letterName(QChar letter)
{
    static const char *const names[]
        = { "á", "bê", "cê", "dê", "é", "éfe", "gê", "agá", "i", "jota", "cá", "éle", "ême", "êne", "ó", "pê",
              "quê", "érre", "ésse", "tê", "u", "vê", "dáblio", "xis", "ípsilon", "zê" };
    const char16_t c = letter.toUpper().unicode();
    if (c >= u'A' && c <= u'Z')
        return QString::fromUtf8(names[c - u'A']);
    return QString(letter);
}

QString spokenCode(const QString &code)
{
    QStringList words;
    QString digits;
    auto flushDigits = [&] {
        if (digits.isEmpty())
            return;
        int i = 0;
        while (i < digits.size() - 1 && digits.at(i) == u'0') {
            words << QStringLiteral("zero");
            ++i;
        }
        words << numberInWords(digits.mid(i).toLongLong());
        digits.clear();
    };
    for (QChar c : code) {
        if (c.isDigit()) {
            digits += c;
            continue;
        }
        flushDigits();
        if (c.isLetter())
            words << letterName(c);
    }
    flushDigits();
    return words.join(u' ');
}

QString spokenDestination(const QString &counter)
{
    QString words = spokenWords(counter.trimmed());
    // Mid-sentence: "consultório três", but keep "TI" or "UBS" as they are.
    if (words.size() > 1 && words.at(0).isUpper() && words.at(1).isLower())
        words[0] = words.at(0).toLower();
    return words;
}

QString spokenText(const protocol::CallAnnouncement &call)
{
    QString text;
    if (call.recall)
        text += QStringLiteral("Chamando novamente. ");
    text += QStringLiteral("Senha ") + spokenCode(call.code);
    if (!call.displayName.isEmpty())
        text += QStringLiteral(", ") + spokenWords(call.displayName).remove(u'.');
    if (!call.counterName.isEmpty())
        text += QStringLiteral(", ") + spokenDestination(call.counterName);
    return text + u'.';
}

} // namespace clinico::voice::Phrasing
