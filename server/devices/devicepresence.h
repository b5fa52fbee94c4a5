// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "protocol/messages.h"
#include "storage/queuestore.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <optional>

namespace clinico::server {

// What kiosks say about themselves (here I am; version, printer, paper, disk) arrives far
// more often than anyone reads it: every TV every 30 s, every subscriber at each connect, a
// whole chain's screens at once after a restart. It is kept in memory and written in one
// transaction every kFlushInterval, and just before the device list is read, so the admin
// view and /metrics never show older news than the kiosks sent. A crash loses at most
// kFlushInterval of "last seen", never a ticket.
class DevicePresence : public QObject
{
    Q_OBJECT
public:
    static constexpr auto kFlushInterval = std::chrono::seconds(10);

    DevicePresence(QueueStore &store, const Clock &clock, QObject *parent = nullptr);
    ~DevicePresence() override;

    void seen(qint64 deviceId);
    void reported(qint64 deviceId, const protocol::DeviceStatus &status);
    // Writes what is pending; a failure keeps it for the next try.
    Status flush();
    // The device list with everything reported so far.
    QList<DeviceRecord> devices();

private:
    QueueStore &m_store;
    const Clock &m_clock;
    QHash<qint64, DevicePresenceUpdate> m_pending;
    QTimer m_timer;
};

} // namespace clinico::server
