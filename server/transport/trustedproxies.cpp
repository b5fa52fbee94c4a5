// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/trustedproxies.h"

#include <algorithm>

namespace clinico::server {

namespace {
// ::ffff:10.0.0.5 (a dual-stack socket's view of an IPv4 peer) is 10.0.0.5.
QHostAddress plain(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 && address.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress(v4) : address;
}
} // namespace

Result<TrustedProxies> TrustedProxies::parse(const QStringList &entries)
{
    TrustedProxies out;
    for (const QString &entry : entries) {
        const QString text = entry.trimmed();
        if (text.isEmpty())
            continue;
        auto subnet = QHostAddress::parseSubnet(text);
        if (subnet.first.isNull())
            return makeError(QStringLiteral("config"),
                QStringLiteral("[server] trustedProxies: “%1” não é um endereço nem uma faixa "
                               "(use 127.0.0.1, 10.0.0.0/8 ou ::1).")
                    .arg(text));
        out.m_subnets << subnet;
    }
    return out;
}

bool TrustedProxies::contains(const QHostAddress &address) const
{
    const QHostAddress a = plain(address);
    return std::any_of(m_subnets.cbegin(), m_subnets.cend(),
        [&](const QPair<QHostAddress, int> &subnet) { return a.isInSubnet(subnet); });
}

QHostAddress TrustedProxies::clientAddress(const QHostAddress &peer, QByteArrayView forwardedFor) const
{
    QHostAddress client = plain(peer);
    if (!contains(client))
        return client;
    const QList<QByteArray> hops = forwardedFor.toByteArray().split(',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QHostAddress address(QString::fromLatin1(hop->trimmed()));
        if (address.isNull())
            break;
        client = plain(address);
        if (!contains(client))
            break;
    }
    return client;
}

} // namespace clinico::server
