// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace clinico {

namespace {

// RFC 8259, strictly: QJsonDocument reads "\i" as "i", lets a repeated key win over the first
// and keeps raw control characters in text. This scanner runs first and refuses all that,
// naming the field, so what QJsonDocument then reads is exactly what the client wrote.
class StrictJsonScanner
{
public:
    explicit StrictJsonScanner(QByteArrayView text)
        : m_text(text)
    { }

    std::optional<QString> problem()
    {
        skipSpace();
        if (peek() != '{')
            return QStringLiteral("esperado um objeto JSON.");
        if (!value(0))
            return m_problem;
        skipSpace();
        if (m_pos != m_text.size())
            return at(QStringLiteral("conteúdo depois do fim do objeto"));
        return std::nullopt;
    }

private:
    static constexpr int kMaxDepth = 32;

    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }
    QString at(const QString &what) const
    {
        const QString where
            = m_key.isEmpty() ? QString() : QStringLiteral("campo '%1': ").arg(m_key.left(64));
        return QStringLiteral("%1%2 (posição %3).").arg(where, what).arg(m_pos);
    }
    bool failWith(const QString &what)
    {
        m_problem = at(what);
        return false;
    }

    bool value(int depth)
    {
        skipSpace();
        if (depth > kMaxDepth)
            return failWith(QStringLiteral("aninhamento fundo demais"));
        switch (peek()) {
        case '{':
            return object(depth);
        case '[':
            return array(depth);
        case '"': {
            QString ignored;
            return string(ignored);
        }
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

    bool object(int depth)
    {
        ++m_pos; // {
        QSet<QString> keys;
        skipSpace();
        if (peek() == '}') {
            ++m_pos;
            return true;
        }
        const QString outer = m_key;
        for (;;) {
            skipSpace();
            if (peek() != '"')
                return failWith(QStringLiteral("esperado o nome de um campo entre aspas"));
            QString key;
            if (!string(key))
                return false;
            m_key = key;
            if (keys.contains(key))
                return failWith(QStringLiteral("campo repetido"));
            keys.insert(key);
            skipSpace();
            if (peek() != ':')
                return failWith(QStringLiteral("esperado ':'"));
            ++m_pos;
            if (!value(depth + 1))
                return false;
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                m_key = outer;
                return true;
            }
            return failWith(QStringLiteral("esperado ',' ou '}'"));
        }
    }

    bool array(int depth)
    {
        ++m_pos; // [
        skipSpace();
        if (peek() == ']') {
            ++m_pos;
            return true;
        }
        for (;;) {
            if (!value(depth + 1))
                return false;
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return true;
            }
            return failWith(QStringLiteral("esperado ',' ou ']'"));
        }
    }

    bool hex4(char16_t &out)
    {
        if (m_pos + 4 > m_text.size())
            return false;
        bool ok = false;
        out = char16_t(QByteArray(m_text.data() + m_pos, 4).toUShort(&ok, 16));
        const bool digits = std::all_of(m_text.begin() + m_pos, m_text.begin() + m_pos + 4,
            [](char c) { return std::isxdigit(uchar(c)); });
        m_pos += 4;
        return ok && digits;
    }

    // The text between quotes, decoded (keys are compared decoded: "a" and "\u0061" repeat).
    bool string(QString &out)
    {
        ++m_pos; // "
        QByteArray raw;
        for (;;) {
            if (atEnd())
                return failWith(QStringLiteral("texto sem aspas de fechamento"));
            const char c = m_text[m_pos];
            if (uchar(c) < 0x20)
                return failWith(QStringLiteral("caractere de controle (U+%1) dentro de um texto")
                                    .arg(int(uchar(c)), 4, 16, QLatin1Char('0')));
            if (c == '"')
                break;
            if (c != '\\') {
                raw.append(c);
                ++m_pos;
                continue;
            }
            ++m_pos;
            const char e = peek();
            ++m_pos;
            static constexpr std::pair<char, char> kSimple[] = { { '"', '"' }, { '\\', '\\' }, { '/', '/' },
                { 'b', '\b' }, { 'f', '\f' }, { 'n', '\n' }, { 'r', '\r' }, { 't', '\t' } };
            const auto simple = std::find_if(
                std::begin(kSimple), std::end(kSimple), [e](const auto &p) { return p.first == e; });
            if (simple != std::end(kSimple)) {
                raw.append(simple->second);
                continue;
            }
            char16_t unit = 0;
            if (e != 'u' || !hex4(unit))
                return failWith(QStringLiteral("sequência de escape inválida '\\%1'").arg(QLatin1Char(e)));
            if (QChar::isLowSurrogate(unit))
                return failWith(QStringLiteral("\\u%1 sem o par (surrogate)").arg(int(unit), 4, 16));
            char16_t units[2] = { unit, 0 };
            qsizetype count = 1;
            if (QChar::isHighSurrogate(unit)) {
                if (peek() != '\\' || (++m_pos, peek() != 'u') || (++m_pos, !hex4(units[1]))
                    || !QChar::isLowSurrogate(units[1]))
                    return failWith(QStringLiteral("\\u%1 sem o par (surrogate)").arg(int(unit), 4, 16));
                count = 2;
            }
            raw.append(QStringView(units, count).toUtf8());
        }
        ++m_pos; // "
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        out = utf8(raw);
        if (utf8.hasError())
            return failWith(QStringLiteral("texto que não é UTF-8 válido"));
        return true;
    }

    bool literal(QByteArrayView word)
    {
        if (!m_text.sliced(m_pos).startsWith(word))
            return failWith(QStringLiteral("valor inválido"));
        m_pos += word.size();
        return true;
    }

    bool digits()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek() >= '0' && peek() <= '9')
            ++m_pos;
        return m_pos > start;
    }

    bool number()
    {
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0')
            ++m_pos;
        else if (!(peek() >= '1' && peek() <= '9') || !digits())
            return failWith(QStringLiteral("valor inválido"));
        if (peek() == '.' && (++m_pos, !digits()))
            return failWith(QStringLiteral("número inválido"));
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!digits())
                return failWith(QStringLiteral("número inválido"));
        }
        return true;
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    QString m_key; // the field whose value is being read, for messages
    QString m_problem;
};

} // namespace

Result<QJsonObject> JsonReader::parseObject(const QByteArray &body)
{
    if (const auto problem = StrictJsonScanner(body).problem())
        return makeError(QStringLiteral("malformed_json"),
            QStringLiteral("Corpo da requisição não é JSON válido: %1").arg(*problem));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(QStringLiteral("malformed_json"),
            QStringLiteral("Corpo da requisição não é JSON válido: %1 (posição %2).")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    return doc.object();
}

bool JsonReader::isJsonMediaType(QByteArrayView contentType)
{
    const QList<QByteArray> parts = QByteArray(contentType.data(), contentType.size()).toLower().split(';');
    if (parts.first().trimmed() != "application/json")
        return false;
    if (parts.size() == 1)
        return true;
    const QByteArray parameter = parts[1].simplified().replace(" ", "");
    return parts.size() == 2 && (parameter == "charset=utf-8" || parameter == "charset=\"utf-8\"");
}

void JsonReader::fail(const QString &key, const QString &why)
{
    if (!m_error)
        m_error = makeError(QStringLiteral("invalid_field"), QStringLiteral("Campo '%1': %2").arg(key, why));
}

bool JsonReader::take(const QString &key, QJsonValue &out, bool required)
{
    m_seen.insert(key);
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd() || it->isNull()) {
        if (required)
            fail(key,
                it == m_object.constEnd() ? QStringLiteral("obrigatório.")
                                          : QStringLiteral("obrigatório, não pode ser null."));
        return false;
    }
    out = *it;
    return true;
}

QString JsonReader::string(const QString &key, int maxLength, Lines lines)
{
    return readString(key, maxLength, true, lines).value_or(QString());
}

std::optional<QString> JsonReader::optionalString(const QString &key, int maxLength)
{
    return readString(key, maxLength, false, Lines::One);
}

std::optional<QString> JsonReader::readString(const QString &key, int maxLength, bool required, Lines lines)
{
    QJsonValue v;
    if (!take(key, v, required))
        return std::nullopt;
    if (!v.isString()) {
        fail(key, QStringLiteral("deve ser texto."));
        return std::nullopt;
    }
    const QString s = v.toString();
    if (s.size() > maxLength) {
        fail(key, QStringLiteral("longo demais (máximo %1 caracteres).").arg(maxLength));
        return std::nullopt;
    }
    // Names and reasons end up on screens, tickets, logs and CSV files.
    const auto control = std::find_if(s.begin(), s.end(), [lines](QChar c) {
        if (c == u'\n' && lines == Lines::Many)
            return false;
        return c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() < 0xa0);
    });
    if (control != s.end()) {
        fail(key,
            QStringLiteral("contém um caractere de controle (U+%1).")
                .arg(int(control->unicode()), 4, 16, QLatin1Char('0')));
        return std::nullopt;
    }
    return s;
}

qint64 JsonReader::integer(const QString &key, qint64 min, qint64 max)
{
    return readInteger(key, min, max, true).value_or(0);
}

std::optional<qint64> JsonReader::optionalInteger(const QString &key, qint64 min, qint64 max)
{
    return readInteger(key, min, max, false);
}

std::optional<qint64> JsonReader::readInteger(const QString &key, qint64 min, qint64 max, bool required)
{
    QJsonValue v;
    if (!take(key, v, required))
        return std::nullopt;
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || std::isnan(d) || d != std::floor(d)) {
        fail(key, QStringLiteral("deve ser um número inteiro."));
        return std::nullopt;
    }
    if (d < double(min) || d > double(max)) {
        fail(key, QStringLiteral("fora do intervalo %1..%2.").arg(min).arg(max));
        return std::nullopt;
    }
    return qint64(d);
}

std::optional<bool> JsonReader::optionalBool(const QString &key)
{
    QJsonValue v;
    if (!take(key, v, false))
        return std::nullopt;
    if (!v.isBool()) {
        fail(key, QStringLiteral("deve ser true ou false."));
        return std::nullopt;
    }
    return v.toBool();
}

std::optional<QJsonObject> JsonReader::optionalObject(const QString &key)
{
    QJsonValue v;
    if (!take(key, v, false))
        return std::nullopt;
    if (!v.isObject()) {
        fail(key, QStringLiteral("deve ser um objeto."));
        return std::nullopt;
    }
    return v.toObject();
}

QList<qint64> JsonReader::integerList(const QString &key, qint64 min, qint64 max, int maxCount)
{
    QJsonValue v;
    QList<qint64> out;
    if (!take(key, v, false))
        return out;
    if (!v.isArray() || v.toArray().size() > maxCount) {
        fail(key, QStringLiteral("deve ser uma lista de até %1 números.").arg(maxCount));
        return out;
    }
    for (const QJsonValue &item : v.toArray()) {
        const double d = item.toDouble(std::nan(""));
        if (!item.isDouble() || d != std::floor(d) || d < double(min) || d > double(max)) {
            fail(key, QStringLiteral("contém um valor inválido."));
            return {};
        }
        out << qint64(d);
    }
    return out;
}

QList<QJsonObject> JsonReader::objectList(const QString &key, int maxCount)
{
    QJsonValue v;
    QList<QJsonObject> out;
    if (!take(key, v, true))
        return out;
    if (!v.isArray() || v.toArray().size() > maxCount) {
        fail(key, QStringLiteral("deve ser uma lista de até %1 objetos.").arg(maxCount));
        return out;
    }
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isObject()) {
            fail(key, QStringLiteral("cada item deve ser um objeto."));
            return {};
        }
        out << item.toObject();
    }
    return out;
}

Status JsonReader::finish()
{
    if (!m_error) {
        for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
            if (!m_seen.contains(it.key())) {
                m_error = makeError(QStringLiteral("unknown_field"),
                    QStringLiteral("Campo desconhecido: '%1'.").arg(it.key().left(64)));
                break;
            }
        }
    }
    if (m_error)
        return *m_error;
    return Ok {};
}

Status JsonReader::finishAllowingUnknown()
{
    if (m_error)
        return *m_error;
    return Ok {};
}

} // namespace clinico
