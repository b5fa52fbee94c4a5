// SPDX-License-Identifier: GPL-3.0-or-later
#include "issuing/ticketissuer.h"

#include "catalog/catalog.h"
#include "link/serverlink.h"
#include "outbox/outbox.h"
#include "protocol/messages.h"

#include <QLoggingCategory>
#include <QUuid>

Q_LOGGING_CATEGORY(lcIssue, "clinico.totem.issue")

namespace clinico::totem {

TicketIssuer::TicketIssuer(
    Outbox &outbox, ServerLink &link, Catalog &catalog, const Clock &clock, Options options, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_link(link)
    , m_catalog(catalog)
    , m_clock(clock)
    , m_options(std::move(options))
{ }

QString TicketIssuer::today() const
{
    return m_catalog.businessDay().dayOf(m_clock.now());
}

IssuedTicket TicketIssuer::fromOutbox(const qint64 outboxId, bool reprint)
{
    const auto e = m_outbox.entry(outboxId);
    IssuedTicket t;
    t.outboxId = outboxId;
    t.code = e->code;
    t.serviceId = e->serviceId;
    if (const auto service = m_catalog.service(e->serviceId))
        t.serviceName = service->name;
    t.priority = e->priority;
    t.issuedAt = QDateTime::fromMSecsSinceEpoch(e->createdMs, Qt::UTC);
    t.offline = e->state != OutboxState::Done;
    t.statusUrl = e->statusToken.isEmpty() ? QString() : m_link.statusUrl(e->statusToken);
    t.reprint = reprint;
    return t;
}

// The totem's own disk failed (full, worn out): the patient is sent to a person.
Error TicketIssuer::storageFailure()
{
    return makeError(QStringLiteral("storage_error"),
        tr("Não foi possível emitir sua senha neste totem. Por favor, procure a recepção."));
}

void TicketIssuer::issue(const Cpf &cpf, qint64 serviceId, PriorityClass priority, Done done)
{
    const auto service = m_catalog.service(serviceId);
    if (!service)
        return done(
            makeError(QStringLiteral("unknown_service"), tr("Este serviço não está disponível agora.")));
    const qint64 now = m_clock.nowMs();
    const qint64 windowStart = now - std::chrono::milliseconds(m_options.reprintWindow).count();

    // A ticket this totem issued offline is not known to the server yet: reprint it here.
    const auto recent = m_outbox.recentFor(cpf.digits(), serviceId, windowStart);
    if (recent && recent->state != OutboxState::Done) {
        qCInfo(lcIssue) << "reprinting" << recent->code << "for" << cpf.masked();
        return done(fromOutbox(recent->id, true));
    }

    const QString key = m_options.deviceTag + u'-' + QUuid::createUuid().toString(QUuid::Id128).left(24);
    auto entry = m_outbox.add(cpf.digits(), serviceId, priority, now, key);
    if (!entry) {
        qCCritical(lcIssue) << "outbox write failed:" << entry.error().message;
        return done(storageFailure());
    }
    const qint64 id = entry->id;
    const auto timeout = m_linkKnownDown ? std::min(m_options.knownOfflineTimeout, m_options.onlineTimeout)
                                         : m_options.onlineTimeout;
    m_link.interactive("POST", QStringLiteral("/api/v1/tickets"), entry->request().toJson(), timeout, this,
        [this, id, recent, prefix = service->prefix, done](Result<HttpResponse> reply) {
            if (reply && reply->isSuccess()) {
                auto response = protocol::IssueTicketResponse::fromJson(reply->json());
                if (response) {
                    Q_EMIT linkObserved(true, {});
                    if (auto s = m_outbox.markDone(id, response->ticket.code, response->statusToken); !s)
                        qCWarning(lcIssue) << "outbox:" << s.error().message;
                    IssuedTicket t = fromOutbox(id, response->reissued);
                    t.peopleAhead = response->peopleAhead;
                    t.estimatedWaitMinutes = response->estimatedWaitMinutes;
                    t.issuedAt = QDateTime::fromMSecsSinceEpoch(response->ticket.issuedAtMs, Qt::UTC);
                    t.serviceName = response->ticket.serviceName;
                    return done(t);
                }
            }
            if (reply && isRefusal(*reply)) {
                Q_EMIT linkObserved(true, {});
                (void)m_outbox.discard(id);
                return done(reply->error());
            }
            const QString why = reply ? QStringLiteral("HTTP %1").arg(reply->status) : reply.error().message;
            Q_EMIT linkObserved(false, why);
            if (recent) { // the server had it; the patient wants it again while we cannot ask
                (void)m_outbox.discard(id);
                return done(fromOutbox(recent->id, true));
            }
            auto offline = m_outbox.issueOffline(id, today(), prefix, m_options.deviceTag);
            if (!offline) {
                qCCritical(lcIssue) << "offline issue failed:" << offline.error().message;
                return done(storageFailure());
            }
            qCInfo(lcIssue) << "server unreachable (" << why << "): issued" << offline->code << "offline";
            done(fromOutbox(id, false));
        });
}

void TicketIssuer::lookup(const Cpf &cpf, std::function<void(protocol::PatientLookup)> done)
{
    if (m_linkKnownDown)
        return done({}); // not worth a timeout: the patient answers the question anyway
    protocol::PatientLookupRequest request { cpf.digits() };
    m_link.advisory("POST", QStringLiteral("/api/v1/patients/lookup"), request.toJson(),
        std::min(m_options.onlineTimeout, std::chrono::milliseconds(800)), this,
        [done](Result<HttpResponse> reply) {
            if (!reply || !reply->isSuccess())
                return done({});
            auto lookup = protocol::PatientLookup::fromJson(reply->json());
            done(lookup ? *lookup : protocol::PatientLookup {});
        });
}

} // namespace clinico::totem
