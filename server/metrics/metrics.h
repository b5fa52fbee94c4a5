// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace clinico::server {

// One clinic's figures: every per-clinic series carries its unit="<id>" label.
struct UnitMetrics
{
    protocol::Unit unit;
    qint64 ticketsIssued = 0;
    QMap<QString, int> waitingPerService; // by prefix, today in the unit's own day
};

// A kiosk and the unit it serves.
struct KioskMetrics
{
    qint64 unitId = 0;
    protocol::DeviceInfo device;
};

struct MetricsSnapshot
{
    QList<UnitMetrics> units; // every unit of the network, by id
    int eventClients = 0;
    qint64 lastEventSeq = 0;
    qint64 requestsByClass[6] = {}; // index 2 = 2xx ...
    qint64 walBytes = 0; // the database's -wal file
    QList<KioskMetrics> kiosks; // totems and TVs not revoked, as the admin view shows them
};

// Prometheus text exposition format 0.0.4.
QByteArray renderPrometheus(const MetricsSnapshot &m);

} // namespace clinico::server
