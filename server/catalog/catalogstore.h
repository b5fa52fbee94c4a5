// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/callpolicy.h"
#include "protocol/messages.h"
#include "storage/eventlog.h"
#include "units/unitscope.h"

#include <QHash>

#include <optional>

namespace clinico::server {

// What the clinic offers and how it is shown: services, counters (the rooms and desks that
// call), and the settings an admin changes from the console (schema.h: SettingKey); the
// current unit's (UnitScope), except the few settings the whole network shares.
class CatalogStore
{
public:
    CatalogStore(Database &db, UnitOfWork &work, EventLog &events, const UnitScope &unit)
        : m_db(db)
        , m_work(work)
        , m_events(events)
        , m_unit(unit)
    { }

    Result<protocol::Service> addService(const QString &prefix, const QString &name);
    Result<protocol::Counter> addCounter(const QString &name, const QList<qint64> &serviceIds);
    Result<protocol::Service> updateService(
        qint64 id, const QString &name, bool active, std::optional<qint64> nextServiceId = std::nullopt);
    Result<protocol::Counter> updateCounter(
        qint64 id, const QString &name, const QList<qint64> &serviceIds, bool active);
    QList<protocol::Service> services();
    QList<protocol::Counter> counters();
    std::optional<protocol::Service> service(qint64 id);
    std::optional<protocol::Counter> counter(qint64 id);

    QString setting(const QString &key, const QString &fallback = {});
    // The network-wide setting `key`, set to `value` first if it has none. Of two instances
    // starting at once one sets it, and both read the same.
    Result<QString> claimSetting(const QString &key, const QString &value);
    Status setSetting(const QString &key, const QString &value);
    protocol::DisplaySettings displaySettings();
    Status setDisplaySettings(const protocol::DisplaySettings &settings);
    CallPolicyRules policyRules();
    // Every limit the admin set; a service and class without one raises no alert.
    QList<protocol::WaitLimit> waitLimits();
    // Replaces them all.
    Status setWaitLimits(const QList<protocol::WaitLimit> &limits);

private:
    Status linkServices(qint64 counterId, const QList<qint64> &serviceIds);

    // What the running unit of work has read of the services and settings, by unit: a batch of
    // tickets reads them once, not once per ticket. Kept only while that unit of work runs
    // (UnitOfWork::current), forgotten when it writes them.
    struct Read
    {
        quint64 work = 0;
        QHash<qint64, QList<protocol::Service>> services;
        QHash<qint64, QHash<QString, std::optional<QString>>> settings;
    };
    Read *read(); // nullptr outside a unit of work
    void forgetRead() { m_read = {}; }

    Database &m_db;
    UnitOfWork &m_work;
    EventLog &m_events;
    const UnitScope &m_unit;
    Read m_read;
};

} // namespace clinico::server
