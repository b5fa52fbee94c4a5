// SPDX-License-Identifier: GPL-3.0-or-later
#include "issuing/serversync.h"

#include "catalog/catalog.h"
#include "health/kioskhealth.h"
#include "issuing/ticketissuer.h"
#include "link/serverlink.h"
#include "outbox/outbox.h"
#include "protocol/messages.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcSync, "clinico.totem.sync")

namespace clinico::totem {

namespace {
constexpr qint64 kDayMs = 24 * 3600 * 1000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

ServerSync::ServerSync(Outbox &outbox, ServerLink &link, Catalog &catalog, TicketIssuer &issuer,
    Options options, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_link(link)
    , m_catalog(catalog)
    , m_issuer(issuer)
    , m_options(std::move(options))
{
    m_timer.setInterval(m_options.tickMs);
    connect(&m_timer, &QTimer::timeout, this, &ServerSync::syncNow);
    connect(&issuer, &TicketIssuer::linkObserved, this, &ServerSync::observeLink);
}

void ServerSync::start()
{
    m_startedMs = nowMs();
    purgeSettled({}); // the server's day is not known yet
    updateDepth();
    m_timer.start();
    syncNow();
}

void ServerSync::syncNow()
{
    if (m_busy) {
        m_again = true;
        return;
    }
    m_busy = true;
    runSteps({ [this](auto next) { checkHealth(next); }, [this](auto next) { drainNext(next); },
        [this](auto next) { refreshCatalog(next); }, [this](auto next) { topUpLeases(next); },
        [this](auto next) { reportStatus(next); } });
}

void ServerSync::runSteps(QList<Step> steps)
{
    if (steps.isEmpty()) {
        m_busy = false;
        updateDepth();
        Q_EMIT roundFinished();
        if (std::exchange(m_again, false))
            QTimer::singleShot(0, this, &ServerSync::syncNow);
        return;
    }
    Step step = steps.takeFirst();
    step([this, steps] { runSteps(steps); });
}

void ServerSync::checkHealth(std::function<void()> next)
{
    m_link.background("GET", QStringLiteral("/healthz"), {}, this, [this, next](Result<HttpResponse> reply) {
        const bool up = reply && reply->isSuccess();
        setOnline(up);
        backOff(!up);
        if (!up)
            return runSteps({}); // nothing else can work this round
        if (const QString day = reply->json().value(QStringLiteral("day")).toString();
            !day.isEmpty() && day != m_serverDay) {
            m_serverDay = day;
            purgeSettled(day);
        }
        next();
    });
}

// Keeps today and keepDoneDays business days before it, counted from the server's day when
// it is known; by age alone (a day to spare) until then, and never more than that by the
// totem's own clock, whatever a server with a wrong date says.
void ServerSync::purgeSettled(const QString &serverDay)
{
    const qint64 byAge = nowMs() - (m_options.keepDoneDays + 1) * kDayMs;
    const QDate day = QDate::fromString(serverDay, Qt::ISODate);
    const qint64 cutoff = day.isValid()
        ? std::min(byAge + kDayMs,
            m_catalog.businessDay().startOf(day.addDays(-m_options.keepDoneDays)).toMSecsSinceEpoch())
        : byAge;
    if (Status s = m_outbox.purgeDoneBefore(cutoff); !s)
        qCWarning(lcSync) << "outbox purge failed:" << s.error().message;
}

void ServerSync::drainNext(std::function<void()> next)
{
    const qint64 graceStart = nowMs() - m_options.pendingGraceMs;
    const auto unsent = m_outbox.unsent();
    // Pending entries from before this start (the totem died waiting for the server) are
    // surely not in flight; newer ones may still be, on the interactive lane.
    auto it = std::find_if(unsent.begin(), unsent.end(), [&](const OutboxEntry &e) {
        return e.state == OutboxState::Offline || e.createdMs < graceStart || e.createdMs < m_startedMs;
    });
    updateDepth();
    if (it == unsent.end())
        return next();
    const OutboxEntry entry = *it;
    m_link.background("POST", QStringLiteral("/api/v1/tickets"), entry.request().toJson(), this,
        [this, entry, next](Result<HttpResponse> reply) {
            if (reply && reply->isSuccess()) {
                auto r = protocol::IssueTicketResponse::fromJson(reply->json());
                const auto now = m_outbox.entry(entry.id);
                // Only what was sent is settled: the entry may have moved on meanwhile.
                if (r && now && now->state == entry.state) {
                    (void)m_outbox.markDone(entry.id, r->ticket.code, r->statusToken);
                    qCInfo(lcSync) << "filed" << r->ticket.code
                                   << (entry.state == OutboxState::Offline ? "(issued offline)"
                                                                           : "(after a restart)");
                }
                return drainNext(next);
            }
            const QString why = reply ? reply->error().message : reply.error().message;
            if (reply && isRefusal(*reply)) {
                (void)m_outbox.markRejected(entry.id, why);
                noteError(tr("Senha %1 recusada pelo servidor: %2").arg(entry.code, why));
                return drainNext(next);
            }
            (void)m_outbox.noteAttempt(entry.id, why);
            qCWarning(lcSync) << "could not file" << entry.code << ":" << why;
            runSteps({}); // try again next round, in the same order
        });
}

void ServerSync::refreshCatalog(std::function<void()> next)
{
    if (m_catalog.count() > 0 && nowMs() - m_lastCatalogMs < m_options.catalogEveryMs)
        return next();
    m_link.background(
        "GET", QStringLiteral("/api/v1/services"), {}, this, [this, next](Result<HttpResponse> reply) {
            if (!reply || !reply->isSuccess()) {
                noteError(tr("Não consegui ler os serviços do servidor: %1")
                              .arg(reply ? reply->error().message : reply.error().message));
                return next();
            }
            QList<protocol::Service> services;
            for (const QJsonValue &v : reply->json().value(QStringLiteral("services")).toArray()) {
                if (auto s = protocol::Service::fromJson(v.toObject()))
                    services << *s;
            }
            m_catalog.setServices(services);
            if (auto calendar = protocol::ClinicCalendar::fromJson(
                    reply->json().value(QStringLiteral("calendar")).toObject()))
                m_catalog.setCalendar(*calendar);
            m_link.background("GET", QStringLiteral("/api/v1/settings/display"), {}, this,
                [this, next](Result<HttpResponse> settings) {
                    if (settings && settings->isSuccess()) {
                        if (auto s = protocol::DisplaySettings::fromJson(
                                settings->json(), protocol::DisplaySettings::From::Server))
                            m_catalog.setSettings(*s);
                    }
                    m_lastCatalogMs = nowMs();
                    next();
                });
        });
}

void ServerSync::topUpLeases(std::function<void()> next)
{
    const QString today = m_issuer.today();
    (void)m_outbox.dropLeasesBefore(today);
    if (m_options.leaseSize <= 0)
        return next();
    for (const auto &service : m_catalog.services()) {
        for (PriorityClass c :
            { PriorityClass::Normal, PriorityClass::Priority, PriorityClass::Priority80 }) {
            if (m_outbox.numbersLeft(today, service.id, c) * 2 >= m_options.leaseSize)
                continue;
            protocol::LeaseRequest request { service.id, c, m_options.leaseSize };
            m_link.background("POST", QStringLiteral("/api/v1/leases"), request.toJson(), this,
                [this, next](Result<HttpResponse> reply) {
                    auto lease = reply && reply->isSuccess()
                        ? protocol::Lease::fromJson(reply->json())
                        : Result<protocol::Lease>(reply ? reply->error() : reply.error());
                    if (!lease || !m_outbox.addLease(*lease)) {
                        noteError(tr("Não consegui reservar números para uso offline: %1")
                                      .arg(lease ? QStringLiteral("armazenamento") : lease.error().message));
                        return next();
                    }
                    topUpLeases(next); // one lease at a time, until every pair has enough
                });
            return;
        }
    }
    next();
}

void ServerSync::reportStatus(std::function<void()> next)
{
    if (!m_statusDirty && nowMs() - m_lastStatusMs < m_options.statusEveryMs)
        return next();
    protocol::DeviceStatus status;
    status.version = m_options.version;
    status.printerState = m_printerState;
    status.printerMessage = m_printerMessage;
    status.outboxDepth = m_depth;
    status.lastError = m_errors.isEmpty() ? QString() : m_errors.first();
    if (m_options.health)
        m_options.health->fill(status, nowMs());
    m_link.background("POST", QStringLiteral("/api/v1/devices/me/status"), status.toJson(), this,
        [this, next](Result<HttpResponse> reply) {
            if (reply && reply->isSuccess()) {
                m_statusDirty = false;
                m_lastStatusMs = nowMs();
            }
            if (reply && reply->status == 401)
                Q_EMIT tokenRefused();
            next();
        });
}

// While the server is away, ask less and less often (exponential, with jitter so a room
// of totems does not knock in step), up to maxBackoffMs; back to the normal pace at once.
void ServerSync::backOff(bool failed)
{
    m_failures = failed ? std::min(m_failures + 1, 10) : 0;
    int interval = m_options.tickMs;
    if (m_failures > 0) {
        const qint64 ceiling
            = std::min<qint64>(qint64(m_options.tickMs) << m_failures, m_options.maxBackoffMs);
        interval = int(ceiling / 2 + QRandomGenerator::global()->bounded(ceiling / 2 + 1));
    }
    m_timer.setInterval(interval);
}

void ServerSync::setPrinterStatus(const QString &state, const QString &message)
{
    if (state == m_printerState && message == m_printerMessage)
        return;
    m_printerState = state;
    m_printerMessage = message;
    m_statusDirty = true;
    Q_EMIT printerStatusChanged();
    syncNow();
}

void ServerSync::noteError(const QString &error)
{
    qCWarning(lcSync) << error;
    m_errors.prepend(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss ")) + error);
    while (m_errors.size() > 10)
        m_errors.removeLast();
    m_statusDirty = true;
    Q_EMIT errorsChanged();
}

void ServerSync::observeLink(bool reachable, const QString &error)
{
    if (!reachable && !error.isEmpty())
        noteError(tr("Servidor não respondeu: %1").arg(error));
    setOnline(reachable);
    updateDepth();
}

void ServerSync::setOnline(bool online)
{
    m_issuer.setLinkKnownDown(!online);
    if (online == m_online)
        return;
    m_online = online;
    qCInfo(lcSync) << (online ? "server reachable" : "server unreachable: issuing offline");
    Q_EMIT onlineChanged(online);
    if (online)
        QTimer::singleShot(0, this, &ServerSync::syncNow); // drain at once
}

void ServerSync::updateDepth()
{
    const int depth = m_outbox.depth();
    if (depth == m_depth)
        return;
    m_depth = depth;
    m_statusDirty = true;
    Q_EMIT outboxDepthChanged(depth);
}

} // namespace clinico::totem
