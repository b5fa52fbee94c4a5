// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "protocol/messages.h"
#include "storage/unitofwork.h"
#include "units/unitscope.h"

#include <optional>

namespace clinico::server {

struct DeviceRecord
{
    qint64 id = 0;
    QString name;
    QString role;
    bool revoked = false;
    qint64 lastSeenMs = 0;
    QString version;
    QJsonObject status;
    qint64 unitId = 0; // the clinic it serves (UnitScope): all it may see
};

// What a kiosk said about itself since the last save (DevicePresence).
struct DevicePresenceUpdate
{
    qint64 deviceId = 0;
    qint64 lastSeenMs = 0;
    std::optional<protocol::DeviceStatus> status; // unchanged when absent
};

// Totems, TVs and desks: their token (a hash of it), role, unit, and what they last reported.
// A new device joins the current unit; revoking names one of the current unit's. Looking one
// up by its token, and the list, cover the whole network (the token says which unit).
class DeviceStore
{
public:
    DeviceStore(Database &db, UnitOfWork &work, const Clock &clock, const UnitScope &unit)
        : m_db(db)
        , m_work(work)
        , m_clock(clock)
        , m_unit(unit)
    { }

    Result<DeviceRecord> addDevice(const QString &name, const QString &role, const QByteArray &tokenHash);
    std::optional<DeviceRecord> deviceByTokenHash(const QByteArray &tokenHash);
    QList<DeviceRecord> all();
    std::optional<DeviceRecord> device(qint64 id);
    Status revokeDevice(qint64 id);
    // A new token for a device that is not revoked (404 otherwise): enrolment hands it over.
    Status setDeviceTokenHash(qint64 id, const QByteArray &tokenHash);
    // All in one transaction: thousands of kiosks report every 30 s.
    Status savePresence(const QList<DevicePresenceUpdate> &updates);

private:
    Database &m_db;
    UnitOfWork &m_work;
    const Clock &m_clock;
    const UnitScope &m_unit;
};

} // namespace clinico::server
