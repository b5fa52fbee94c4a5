// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QStringList>

namespace clinico::server {

// The reverse proxies (nginx) whose X-Forwarded-For the server believes, and so the address a
// request really comes from: what every per-address limit, log line and audit entry uses.
// Behind nginx every connection comes from nginx; from anyone not listed the header is the
// client's own word and is ignored.
class TrustedProxies
{
public:
    // Addresses or CIDR blocks ("127.0.0.1", "10.0.0.0/8", "::1"); none: no proxy is trusted.
    static Result<TrustedProxies> parse(const QStringList &entries);

    bool isEmpty() const { return m_subnets.isEmpty(); }
    bool contains(const QHostAddress &address) const;
    // The peer itself, unless it is a trusted proxy: then the rightmost address of
    // `forwardedFor` that is not one (each proxy appends the address it was reached from, so
    // what lies left of the last proxy's entry is the client's own word). A chain of trusted
    // proxies only: its leftmost. An entry that is no address ends the walk at the proxy that
    // passed it on.
    QHostAddress clientAddress(const QHostAddress &peer, QByteArrayView forwardedFor) const;

private:
    QList<QPair<QHostAddress, int>> m_subnets;
};

} // namespace clinico::server
