// SPDX-License-Identifier: GPL-3.0-or-later
#include "tickets/issuestore.h"

#include "core/randomtoken.h"
#include "storage/notfound.h"
#include "ticket/ticketcode.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QSqlQuery>

#include <map>

Q_LOGGING_CATEGORY(lcIssue, "clinico.server.tickets.issue")

namespace clinico::server {

using namespace clinico::protocol;

namespace {

constexpr qint64 kReissueWindowMs = 10 * 60 * 1000;
// How far a totem's clock may be from ours (NTP keeps both well within it).
constexpr qint64 kMaxClockSkewMs = 2 * 60 * 1000;

// What a retry must repeat to get the same ticket back. The patient is named by the row id, not
// the CPF: a hash of 11 digits, whatever else it mixes in, gives the CPF back to whoever tries
// the 10^9 of them.
QByteArray requestHash(const IssueTicketRequest &r, qint64 patientId)
{
    QByteArray canonical = QByteArray::number(patientId) + '|' + QByteArray::number(r.serviceId) + '|'
        + clinico::toWire(r.priority).toLatin1() + '|' + QByteArray::number(r.issuedAtMs.value_or(-1)) + '|'
        + QByteArray::number(r.leaseId.value_or(-1)) + '|' + QByteArray::number(r.number.value_or(-1)) + '|'
        + r.offlineCode.value_or(QString()).toLatin1();
    if (r.statusToken)
        canonical += '|' + r.statusToken->toLatin1();
    return QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex();
}

IssueTicketRequest withoutOfflineFields(IssueTicketRequest r)
{
    r.issuedAtMs.reset();
    r.leaseId.reset();
    r.number.reset();
    r.offlineCode.reset();
    r.statusToken.reset();
    return r;
}

} // namespace

// One statement takes the number, so two writers can never get the same one: the day's counter
// row is created handing out 1, or moved on by one. A busy day that reaches the leased range
// skips over every lease handed out so far (leases start at kLeasedNumbersFrom, never at 1).
Result<int> IssueStore::takeNumber(const QString &day, qint64 serviceId, PriorityClass priority)
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "INSERT INTO number_counters AS c(day, service_id, priority, next_number) VALUES(?, ?, ?, 2)"
        " ON CONFLICT(day, service_id, priority) DO UPDATE SET next_number = 1 + CASE WHEN EXISTS("
        "SELECT 1 FROM leases l WHERE l.day = c.day AND l.service_id = c.service_id"
        " AND l.priority = c.priority AND c.next_number BETWEEN l.first_number AND l.last_number)"
        " THEN (SELECT MAX(l.last_number) + 1 FROM leases l"
        " WHERE l.day = c.day AND l.service_id = c.service_id AND l.priority = c.priority)"
        " ELSE c.next_number END"
        " RETURNING next_number - 1"));
    if (!SqlConnection::exec(q, { day, serviceId, clinico::toWire(priority) }) || !q.next())
        return SqlConnection::errorFrom(q, QStringLiteral("takeNumber"));
    const int number = q.value(0).toInt();
    q.finish();
    return number;
}

int IssueStore::leasedNumbersEnd(const QString &day, qint64 serviceId, PriorityClass priority)
{
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("SELECT COALESCE(MAX(last_number), 0) + 1 FROM leases WHERE "
                       "day = ? AND service_id = ? AND priority = ?"));
    const int end = SqlConnection::exec(q, { day, serviceId, clinico::toWire(priority) }) && q.next()
        ? q.value(0).toInt()
        : 1;
    q.finish();
    return end;
}

// Numbers for totems to issue offline come from a range of their own (501 up), so the
// codes the server issues online stay consecutive from 001 in the waiting room.
Result<int> IssueStore::leaseFirstNumber(const QString &day, qint64 serviceId, PriorityClass priority)
{
    // Where online numbering stands.
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT next_number FROM number_counters WHERE day = ? AND service_id = ? AND priority = ?"));
    if (!SqlConnection::exec(q, { day, serviceId, clinico::toWire(priority) }))
        return SqlConnection::errorFrom(q, QStringLiteral("leaseFirstNumber"));
    const int next = q.next() ? q.value(0).toInt() : 1;
    q.finish();
    return std::max({ kLeasedNumbersFrom, next, leasedNumbersEnd(day, serviceId, priority) });
}

Result<IssueOutcome> IssueStore::issue(const IssueTicketRequest &req, const Cpf &cpf, const Actor &device)
{
    return issueBatch({ IssueCommand { req, cpf, device } }).first();
}

QList<Result<IssueOutcome>> IssueStore::issueBatch(const QList<IssueCommand> &commands)
{
    // Every ticket of the batch in one transaction. Each is first issued as it comes; only
    // when one of them fails is the batch run again with each ticket in a savepoint of its own
    // (undone alone when it fails), which costs two more statements a ticket.
    QList<Result<IssueOutcome>> results;
    std::optional<Error> oneFailed;
    const auto issueAll = [&](bool guarded) {
        return m_work.run<Ok>([&]() -> Status {
            results.clear();
            oneFailed.reset();
            for (const IssueCommand &command : commands) {
                std::optional<UnitScope::Entered> entered;
                if (command.unit)
                    entered.emplace(m_unit.enter(*command.unit));
                if (guarded) {
                    results << m_work.attempt<IssueOutcome>([&] { return issueInTransaction(command); });
                    continue;
                }
                Result<IssueOutcome> r = issueInTransaction(command);
                if (!r) {
                    oneFailed = r.error();
                    return r.error();
                }
                results << std::move(r);
            }
            return Ok {};
        });
    };
    Status committed = issueAll(false);
    if (oneFailed && commands.size() == 1) {
        results = { *oneFailed };
        committed = Ok {};
    } else if (oneFailed) {
        committed = issueAll(true);
    }
    if (!committed) {
        const Error failed = committed.error().code == SqlConnection::kBusyCode
            ? committed.error()
            : makeError(QStringLiteral("storage_error"),
                QStringLiteral("Falha ao gravar a senha; nada foi emitido."), 500);
        results = QList<Result<IssueOutcome>>(commands.size(), failed);
        return results;
    }
    // Where each ticket stands, read after the commit (no writer waits for it), in its own
    // unit (its day), and once per stage for all the batch's tickets of that unit.
    std::map<qint64, QList<qsizetype>> byUnit; // 0: the current unit
    for (qsizetype i = 0; i < results.size(); ++i) {
        if (results[i])
            byUnit[commands[i].unit ? commands[i].unit->id : 0] << i;
    }
    for (const auto &[unitId, indexes] : byUnit) {
        std::optional<UnitScope::Entered> entered;
        if (unitId != 0)
            entered.emplace(m_unit.enter(*commands[indexes.first()].unit));
        QList<Ticket> issued;
        for (qsizetype i : indexes)
            issued << results[i]->response.ticket;
        const QList<QueuePosition> positions = m_estimator.estimate(issued);
        for (qsizetype k = 0; k < indexes.size(); ++k) {
            results[indexes[k]]->response.peopleAhead = positions[k].ahead;
            results[indexes[k]]->response.estimatedWaitMinutes = positions[k].estimatedWaitMinutes;
        }
    }
    return results;
}

Result<IssueOutcome> IssueStore::outcomeFor(qint64 ticketId, bool created, bool reissued)
{
    QSqlQuery &tok = m_db.connection().cached(QStringLiteral("SELECT token FROM tickets WHERE id = ?"));
    if (!SqlConnection::exec(tok, { ticketId }) || !tok.next())
        return SqlConnection::errorFrom(tok, QStringLiteral("outcomeFor"));
    const QString token = tok.value(0).toString();
    tok.finish();
    const auto ticket = m_tickets.ticket(ticketId);
    if (!ticket)
        return notFound(QStringLiteral("Senha %1").arg(ticketId));
    return outcome(*ticket, token, created, reissued);
}

IssueOutcome IssueStore::outcome(const Ticket &ticket, const QString &statusToken, bool created, bool reissued)
{
    IssueOutcome o;
    o.created = created;
    o.response.ticket = ticket;
    o.response.reissued = reissued;
    o.response.statusToken = statusToken;
    return o;
}

Result<IssueOutcome> IssueStore::issueInTransaction(const IssueCommand &command)
{
    const IssueTicketRequest &req = command.request;
    const Cpf &cpf = command.cpf;
    const Actor &device = command.device;
    const qint64 now = m_clock.nowMs();
    const auto svc = m_catalog.service(req.serviceId);
    if (!svc)
        return notFound(QStringLiteral("Serviço %1").arg(req.serviceId));
    // The patient first: the request hash names them by id.
    const auto patient = m_patients.idFor(cpf);
    if (!patient)
        return patient.error();
    const qint64 patientId = *patient;
    const QByteArray hash = requestHash(req, patientId);

    // A retry of a request we already answered: the same ticket, never a second one.
    QSqlQuery &idem = m_db.connection().cached(
        QStringLiteral("SELECT id, request_hash FROM tickets WHERE device_id = ? AND idempotency_key = ?"));
    if (!SqlConnection::exec(idem, { device.deviceId, req.idempotencyKey }))
        return SqlConnection::errorFrom(idem, QStringLiteral("issue"));
    if (idem.next()) {
        const qint64 existing = idem.value(0).toLongLong();
        const QByteArray storedHash = idem.value(1).toByteArray();
        idem.finish();
        if (storedHash == hash)
            return outcomeFor(existing, false, false);
        // The totem's online attempt reached us but our reply did not reach it, so it printed
        // an offline code and is now filing that: the paper in the patient's hand wins.
        if (req.issuedAtMs && storedHash == requestHash(withoutOfflineFields(req), patientId)) {
            if (auto adopted = adoptOfflineCode(existing, req, *svc, hash, device); !adopted)
                return adopted.error();
            return outcomeFor(existing, false, false);
        }
        return makeError(QStringLiteral("idempotency_conflict"),
            QStringLiteral("Esta chave de idempotência já foi usada para outro pedido."), 409);
    }

    // Only paper printed offline has a past: an online request is filed now.
    const bool offline = req.number || req.offlineCode;
    if (req.issuedAtMs && !offline)
        return invalidPrintTime(
            QStringLiteral("só para uma senha impressa sem conexão (com leaseId e number, ou offlineCode)."));
    const qint64 issuedMs = offline ? std::min(*req.issuedAtMs, now) : now;
    const QString day = m_calendar.dayOf(issuedMs);
    const QString today = m_tickets.currentDay();

    if (!offline && svc->active) {
        // The same patient at the totem again for the same service: reprint, do not duplicate.
        QSqlQuery &dup
            = m_db.connection().cached(QStringLiteral("SELECT id FROM tickets WHERE patient_id = ? AND "
                                                      "service_id = ? AND status = 'waiting' AND day = ?"
                                                      " AND issued_ms >= ? ORDER BY id DESC LIMIT 1"));
        if (SqlConnection::exec(dup, { patientId, req.serviceId, day, now - kReissueWindowMs })
            && dup.next()) {
            const qint64 existing = dup.value(0).toLongLong();
            dup.finish();
            return outcomeFor(existing, false, true);
        }
    }
    if (!svc->active && !offline)
        return makeError(QStringLiteral("conflict"),
            QStringLiteral("O serviço %1 não está atendendo agora.").arg(svc->name), 409);

    QString code;
    if (offline) {
        auto paper = offlineCode(req, *svc, device);
        if (!paper)
            return paper.error();
        code = *paper;
    } else {
        auto n = takeNumber(day, req.serviceId, req.priority);
        if (!n)
            return n.error();
        code = TicketCode::make(svc->prefix, req.priority, *n);
    }

    // A ticket issued offline on a day that has already ended is filed, but expired.
    const QString status = (!today.isEmpty() && day < today) ? TicketStatus::Expired : TicketStatus::Waiting;
    QSqlQuery &ins = m_db.connection().cached(QStringLiteral(
        "INSERT INTO tickets(unit_id, day, code, service_id, priority, patient_id, device_id, "
        "idempotency_key, "
        "request_hash,"
        " status, issued_ms, arrived_ms, offline, token) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING RETURNING id"));
    // The new row, as TicketStore would read it back.
    TicketRow row;
    row.day = day;
    row.code = code;
    row.serviceId = req.serviceId;
    row.serviceName = svc->name;
    row.priority = req.priority;
    row.patientId = patientId;
    row.deviceId = device.deviceId;
    row.requestHash = hash;
    row.status = status;
    row.issuedMs = row.arrivedMs = row.stageSinceMs = issuedMs;
    row.offline = offline;
    row.token = req.statusToken ? *req.statusToken : randomUrlToken();
    if (!SqlConnection::exec(ins,
            { m_unit.id(), row.day, row.code, row.serviceId, clinico::toWire(row.priority), row.patientId,
                row.deviceId, req.idempotencyKey, QString::fromLatin1(row.requestHash), row.status, row.issuedMs,
                row.arrivedMs, row.offline ? 1 : 0, row.token }))
        return SqlConnection::errorFrom(ins, QStringLiteral("issue"));
    if (!ins.next()) // a code (or a totem's status token) that is already taken
        return makeError(
            QStringLiteral("conflict"), QStringLiteral("A senha %1 já existe hoje.").arg(code), 409);
    row.id = ins.value(0).toLongLong();
    ins.finish();
    // A ticket for the service of the patient's appointment, inside its window, is their arrival.
    if (status == TicketStatus::Waiting) {
        if (Status s = m_appointments.checkIn(patientId, req.serviceId, row.id, issuedMs); !s)
            return s.error();
    }
    const Ticket created = row.toTicket();
    if (auto seq = m_events.append(EventKind::TicketIssued, created.toJson()); !seq)
        return seq.error();
    return outcome(created, row.token, true, false);
}

Error IssueStore::invalidPrintTime(const QString &why)
{
    return makeError(QStringLiteral("invalid_field"), QStringLiteral("Campo 'issuedAtMs': ") + why);
}

// The time a totem says it printed a ticket offline is the patient's place in the queue, so
// it must be a time the totem could honestly claim: not ahead of our clock by more than two
// clocks may differ, not before the day the ticket belongs to began (a ticket "printed in
// 1970"), and for a leased number not before the lease was handed out.
Status IssueStore::checkPrintTime(qint64 printedAtMs, const QString &day, std::optional<qint64> leasedAtMs)
{
    const qint64 now = m_clock.nowMs();
    if (printedAtMs > now + kMaxClockSkewMs)
        return invalidPrintTime(QStringLiteral("%1 min no futuro; acerte o relógio do totem.")
                                    .arg((printedAtMs - now + 59999) / 60000));
    if (m_calendar.dayOf(printedAtMs) < day)
        return invalidPrintTime(QStringLiteral("antes do início do dia %1.").arg(day));
    if (leasedAtMs && printedAtMs < *leasedAtMs - kMaxClockSkewMs)
        return invalidPrintTime(QStringLiteral("antes de o lote de números ser reservado (%1).")
                                    .arg(QDateTime::fromMSecsSinceEpoch(*leasedAtMs, m_calendar.timeZone())
                                             .toString(QStringLiteral("dd/MM HH:mm"))));
    return Ok {};
}

// The code a totem printed while offline, checked against the numbers it was leased.
Result<QString> IssueStore::offlineCode(
    const IssueTicketRequest &req, const Service &svc, const Actor &device)
{
    const qint64 printedAtMs = *req.issuedAtMs;
    if (req.offlineCode) {
        if (!req.offlineCode->startsWith(svc.prefix + codeMarker(req.priority) + u'-'))
            return makeError(QStringLiteral("conflict"),
                QStringLiteral("O código offline não corresponde ao serviço."), 409);
        // No lease to date it by: a code with the totem's tag belongs to the day it was printed,
        // today or the day before (printed offline before the reset, filed after it: filed, as
        // expired, never refused, so the day report still has it).
        const QString yesterday
            = QDate::fromString(m_tickets.currentDay(), Qt::ISODate).addDays(-1).toString(Qt::ISODate);
        if (Status s = checkPrintTime(printedAtMs, yesterday, std::nullopt); !s)
            return s.error();
        return *req.offlineCode;
    }
    QSqlQuery &l = m_db.connection().cached(
        QStringLiteral("SELECT day, service_id, priority, first_number, last_number, "
                       "created_ms FROM leases WHERE id = ? AND device_id = ?"));
    if (!req.leaseId || !SqlConnection::exec(l, { *req.leaseId, device.deviceId }) || !l.next())
        return makeError(
            QStringLiteral("conflict"), QStringLiteral("Lote de números desconhecido para este totem."), 409);
    const QString leaseDay = l.value(0).toString();
    const bool inLease = l.value(1).toLongLong() == req.serviceId
        && l.value(2).toString() == clinico::toWire(req.priority) && *req.number >= l.value(3).toInt()
        && *req.number <= l.value(4).toInt();
    const std::optional<qint64> leasedAtMs
        = l.value(5).isNull() ? std::nullopt : std::optional<qint64>(l.value(5).toLongLong());
    l.finish();
    if (Status s = checkPrintTime(printedAtMs, leaseDay, leasedAtMs); !s)
        return s.error();
    if (!inLease || m_calendar.dayOf(printedAtMs) != leaseDay)
        return makeError(QStringLiteral("conflict"),
            QStringLiteral("O número %1 não pertence ao lote %2 deste totem.")
                .arg(*req.number)
                .arg(*req.leaseId),
            409);
    return TicketCode::make(svc.prefix, req.priority, *req.number);
}

Status IssueStore::adoptOfflineCode(qint64 ticketId, const IssueTicketRequest &req, const Service &svc,
    const QByteArray &hash, const Actor &device)
{
    const auto current = m_tickets.ticket(ticketId);
    if (!current)
        return notFound(QStringLiteral("Senha %1").arg(ticketId));
    auto code = offlineCode(req, svc, device);
    if (!code)
        return code.error();
    if (current->status != TicketStatus::Waiting) {
        qCWarning(lcIssue) << "offline filing of ticket" << current->code << "arrived after it was"
                           << current->status << "; keeping" << current->code;
        return Ok {};
    }
    // The paper's QR code carries the totem's token: from now on it is this ticket's.
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("UPDATE tickets SET code = ?, request_hash = ?, offline = 1, "
                       "arrived_ms = ?, token = COALESCE(?, token) WHERE id = ?"));
    if (!SqlConnection::exec(q,
            { *code, QString::fromLatin1(hash), std::min(current->arrivedAtMs, *req.issuedAtMs),
                req.statusToken ? QVariant(*req.statusToken) : QVariant(), ticketId }))
        return makeError(
            QStringLiteral("conflict"), QStringLiteral("A senha %1 já existe hoje.").arg(*code), 409);
    qCInfo(lcIssue) << "ticket" << current->code << "renamed" << *code << "as printed offline";
    if (auto seq = m_events.append(EventKind::TicketUpdated, m_tickets.ticket(ticketId)->toJson()); !seq)
        return seq.error();
    return Ok {};
}

Result<Lease> IssueStore::lease(const LeaseRequest &req, const Actor &device)
{
    if (!m_catalog.service(req.serviceId))
        return notFound(QStringLiteral("Serviço %1").arg(req.serviceId));
    const QString day = m_tickets.currentDay();
    return m_work.run<Lease>([&]() -> Result<Lease> {
        auto first = leaseFirstNumber(day, req.serviceId, req.priority);
        if (!first)
            return first.error();
        Lease l { 0, day, req.serviceId, req.priority, *first, *first + req.size - 1 };
        QSqlQuery &q = m_db.connection().cached(QStringLiteral(
            "INSERT INTO leases(device_id, day, service_id, priority, "
            "first_number, last_number, created_ms) VALUES(?, ?, ?, ?, ?, ?, ?) RETURNING id"));
        if (!SqlConnection::exec(q,
                { device.deviceId, day, req.serviceId, clinico::toWire(req.priority), l.first, l.last,
                    m_clock.nowMs() })
            || !q.next())
            return SqlConnection::errorFrom(q, QStringLiteral("lease"));
        l.id = q.value(0).toLongLong();
        q.finish();
        return l;
    });
}

} // namespace clinico::server
