// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "net/httpclient.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>

namespace clinico {
class KioskHealth;
}

namespace clinico::totem {

class Catalog;
class Outbox;
class ServerLink;
class TicketIssuer;

// The totem's background conversation with the server, one step at a time on the
// background lane: is the server there; file what the outbox holds, oldest first, exactly
// once; keep enough leased numbers for today; refresh the catalogue; report this totem's
// health (printer, outbox depth, last error) so staff and IT see it from a distance; and
// forget, at start and whenever the server's business day changes, what the outbox settled
// long ago, so a kiosk's small disk never fills up.
class ServerSync : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int leaseSize = 10;
        int tickMs = 3000;
        int maxBackoffMs = 30000;
        int catalogEveryMs = 60000;
        int statusEveryMs = 30000;
        // A pending entry younger than this may still be in flight on the interactive lane.
        int pendingGraceMs = 30000;
        // Done and rejected entries are kept for today and this many business days before
        // (reprints, staff reviewing a refusal), never less by the totem's own clock.
        int keepDoneDays = 7;
        QString version;
        const KioskHealth *health = nullptr; // uptime, disk, restarts for the status report
    };
    ServerSync(Outbox &outbox, ServerLink &link, Catalog &catalog, TicketIssuer &issuer, Options options,
        QObject *parent = nullptr);

    void start();
    // Runs one round now (tests, and after the link comes back).
    void syncNow();

    bool isOnline() const { return m_online; }
    int outboxDepth() const { return m_depth; }
    QStringList recentErrors() const { return m_errors; }
    QString printerState() const { return m_printerState; }
    QString printerMessage() const { return m_printerMessage; }

    void setPrinterStatus(const QString &state, const QString &message);
    void noteError(const QString &error);
    void observeLink(bool reachable, const QString &error);

Q_SIGNALS:
    void onlineChanged(bool online);
    void printerStatusChanged();
    void outboxDepthChanged(int depth);
    void errorsChanged();
    void roundFinished();
    // The server no longer knows this totem's token (revoked in the console).
    void tokenRefused();

private:
    using Step = std::function<void(std::function<void()> next)>;
    void runSteps(QList<Step> steps);
    void checkHealth(std::function<void()> next);
    void drainNext(std::function<void()> next);
    void topUpLeases(std::function<void()> next);
    void refreshCatalog(std::function<void()> next);
    void reportStatus(std::function<void()> next);
    void setOnline(bool online);
    void backOff(bool failed);
    void updateDepth();
    void purgeSettled(const QString &serverDay);

    Outbox &m_outbox;
    ServerLink &m_link;
    Catalog &m_catalog;
    TicketIssuer &m_issuer;
    Options m_options;
    QTimer m_timer;
    bool m_busy = false;
    bool m_again = false;
    bool m_online = false;
    int m_failures = 0;
    int m_depth = 0;
    qint64 m_startedMs = 0;
    qint64 m_lastCatalogMs = 0;
    qint64 m_lastStatusMs = 0;
    QString m_serverDay; // from /healthz
    bool m_statusDirty = true;
    QString m_printerState = QStringLiteral("unknown");
    QString m_printerMessage;
    QStringList m_errors;
};

} // namespace clinico::totem
