// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/httpapi.h"
#include "config/serverconfig.h"
#include "events/eventhub.h"
#include "reset/dailyreset.h"
#include "storage/queuestore.h"

#include <QHttpServer>
#include <QObject>

namespace clinico::server {

// The whole queue server in one object: store, daily reset, event hub and HTTP API on one
// thread. main() builds it; tests build it too (with a ManualClock) when they need time.
class ServerApp : public QObject
{
    Q_OBJECT
public:
    ServerApp(ServerConfig config, const Clock &clock, QObject *parent = nullptr);

    Status start();
    quint16 port() const { return m_port; }
    QueueStore &store() { return m_store; }
    DailyReset &dailyReset() { return m_reset; }

private:
    void acceptWebSockets();

    ServerConfig m_config;
    QueueStore m_store;
    EventHub m_hub;
    DailyReset m_reset;
    HttpApi m_api;
    QHttpServer m_http;
    quint16 m_port = 0;
};

} // namespace clinico::server
