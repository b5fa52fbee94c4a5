// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QSet>

#include <optional>

namespace clinico {

// Strict reading of a JSON object: every field checked for presence, type and range, and
// any field nobody asked for is an error (a typo in a client must not be silently ignored).
// The first problem is kept; finish() reports it.
class JsonReader
{
public:
    explicit JsonReader(QJsonObject object)
        : m_object(std::move(object))
    { }

    // A request body: strict RFC 8259 (no repeated field, no bad escape, no raw control
    // character, nothing after the object), then an object.
    static Result<QJsonObject> parseObject(const QByteArray &body);
    // Content-Type: application/json, optionally with "; charset=utf-8", nothing else.
    static bool isJsonMediaType(QByteArrayView contentType);

    // Text never holds control characters (Lines::Many allows line breaks). A required
    // field that is null is missing; an optional one that is null is absent.
    enum class Lines { One, Many };
    QString string(const QString &key, int maxLength = 200, Lines lines = Lines::One);
    std::optional<QString> optionalString(const QString &key, int maxLength = 200);
    qint64 integer(const QString &key, qint64 min, qint64 max);
    std::optional<qint64> optionalInteger(const QString &key, qint64 min, qint64 max);
    std::optional<bool> optionalBool(const QString &key);
    std::optional<QJsonObject> optionalObject(const QString &key);
    QList<qint64> integerList(const QString &key, qint64 min, qint64 max, int maxCount = 100);
    // A required list of objects, each one left for the caller to read (with its own reader).
    QList<QJsonObject> objectList(const QString &key, int maxCount);

    void fail(const QString &key, const QString &why);
    bool failed() const { return m_error.has_value(); }
    Status finish();
    // For messages from the server: newer servers may add fields older clients do not know.
    Status finishAllowingUnknown();

private:
    bool take(const QString &key, QJsonValue &out, bool required);
    std::optional<QString> readString(const QString &key, int maxLength, bool required, Lines lines);
    std::optional<qint64> readInteger(const QString &key, qint64 min, qint64 max, bool required);

    QJsonObject m_object;
    QSet<QString> m_seen;
    std::optional<Error> m_error;
};

} // namespace clinico
