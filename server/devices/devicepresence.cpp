// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/devicepresence.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPresence, "clinico.server.devices")

namespace clinico::server {

DevicePresence::DevicePresence(QueueStore &store, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
{
    m_timer.setInterval(kFlushInterval);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (Status s = flush(); !s)
            qCWarning(lcPresence) << m_pending.size() << "devices' news not saved yet:" << s.error().message;
    });
    m_timer.start();
}

DevicePresence::~DevicePresence()
{
    (void)flush(); // a clean stop keeps everything
}

void DevicePresence::seen(qint64 deviceId)
{
    if (deviceId > 0)
        m_pending[deviceId].lastSeenMs = m_clock.nowMs();
}

void DevicePresence::reported(qint64 deviceId, const protocol::DeviceStatus &status)
{
    DevicePresenceUpdate &update = m_pending[deviceId];
    update.lastSeenMs = m_clock.nowMs();
    update.status = status;
}

Status DevicePresence::flush()
{
    if (m_pending.isEmpty())
        return Ok {};
    QList<DevicePresenceUpdate> updates;
    updates.reserve(m_pending.size());
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        updates << *it;
        updates.last().deviceId = it.key();
    }
    if (Status s = m_store.devices().savePresence(updates); !s)
        return s;
    m_pending.clear();
    return Ok {};
}

QList<DeviceRecord> DevicePresence::devices()
{
    if (Status s = flush(); !s)
        qCWarning(lcPresence) << "device list without the latest news:" << s.error().message;
    return m_store.devices().all();
}

} // namespace clinico::server
