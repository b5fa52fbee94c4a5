// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace clinico {

Result<QJsonObject> JsonReader::parseObject(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("malformed_json"),
            QStringLiteral("Corpo da requisição não é JSON válido: %1 (posição %2).")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    if (!doc.isObject())
        return makeError(QStringLiteral("malformed_json"), QStringLiteral("Esperado um objeto JSON."));
    return doc.object();
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
            fail(key, QStringLiteral("obrigatório."));
        return false;
    }
    out = *it;
    return true;
}

QString JsonReader::string(const QString &key, int maxLength)
{
    auto v = optionalString(key, maxLength);
    if (!v && !m_object.contains(key))
        fail(key, QStringLiteral("obrigatório."));
    return v.value_or(QString());
}

std::optional<QString> JsonReader::optionalString(const QString &key, int maxLength)
{
    QJsonValue v;
    if (!take(key, v, false))
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
    return s;
}

qint64 JsonReader::integer(const QString &key, qint64 min, qint64 max)
{
    auto v = optionalInteger(key, min, max);
    if (!v && !m_object.contains(key))
        fail(key, QStringLiteral("obrigatório."));
    return v.value_or(0);
}

std::optional<qint64> JsonReader::optionalInteger(const QString &key, qint64 min, qint64 max)
{
    QJsonValue v;
    if (!take(key, v, false))
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
