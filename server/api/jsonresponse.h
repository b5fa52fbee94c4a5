// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "protocol/messages.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>

namespace clinico::server {

// The few ways a handler turns values into a reply; every error has the one ErrorBody.
inline QHttpServerResponse errorReply(const Error &error)
{
    return QHttpServerResponse(protocol::ErrorBody { error.code, error.message }.toJson(),
        QHttpServerResponder::StatusCode(error.httpStatus));
}

// One answer for a body over the limit, from the connection guard or from a route.
inline Error bodyTooLarge()
{
    return makeError(QStringLiteral("body_too_large"),
        QStringLiteral("Corpo maior que %1 KiB.").arg(protocol::kMaxRequestBodyBytes / 1024), 413);
}

inline QHttpServerResponse json(
    const QJsonObject &o, QHttpServerResponder::StatusCode status = QHttpServerResponder::StatusCode::Ok)
{
    return QHttpServerResponse(o, status);
}

template<typename T>
QHttpServerResponse jsonResult(
    const Result<T> &r, QHttpServerResponder::StatusCode status = QHttpServerResponder::StatusCode::Ok)
{
    if (!r)
        return errorReply(r.error());
    return json(r->toJson(), status);
}

template<typename T> QJsonArray toArray(const QList<T> &items)
{
    QJsonArray a;
    for (const T &item : items)
        a.append(item.toJson());
    return a;
}

inline QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &[key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace clinico::server
