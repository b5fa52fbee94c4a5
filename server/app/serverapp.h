// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/httpapi.h"
#include "config/serverconfig.h"
#include "devices/devicepresence.h"
#include "events/eventfollower.h"
#include "events/eventhub.h"
#include "events/pgnotifylistener.h"
#include "phone/phonestreams.h"
#include "reset/dailyreset.h"
#include "retention/retentionjob.h"
#include "storage/checkpointjob.h"
#include "storage/queuestore.h"
#include "transport/guardedtcpserver.h"
#include "users/userstore.h"

#include <QHttpServer>
#include <QObject>

#include <memory>

class QWebSocket;

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
    UserStore &users() { return m_users; }
    RetentionJob &retention() { return m_retention; }

private:
    void acceptWebSockets();
    // An admin's reset time (console) wins over the configuration file's.
    Status applyStoredResetTime();
    // What this instance keeps in memory follows a change another instance committed.
    void followChangeElsewhere(const protocol::Event &event);
    // Audits a change of the provider's group-to-role mapping since the last start.
    void auditSignInMapping();
    // A device token, or a staff session cookie from a page of this server (console).
    Result<DeviceRecord> authorizeSubscriber(const QWebSocket &socket);

    ServerConfig m_config;
    QueueStore m_store;
    UserStore m_users;
    DevicePresence m_presence;
    EventHub m_hub;
    EventFollower m_follower;
    std::unique_ptr<PgNotifyListener> m_listener; // PostgreSQL only: the other instances' events
    DailyReset m_reset;
    RetentionJob m_retention;
    CheckpointJob m_checkpoint;
    HttpApi m_api;
    PhoneStreams m_phoneStreams;
    QHttpServer m_http;
    GuardedTcpServer *m_tcp = nullptr; // owned by m_http once bound
    quint16 m_port = 0;
};

} // namespace clinico::server
