// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/callpolicy.h"

#include <QDateTime>

#include <algorithm>
#include <tuple>

namespace clinico {

QString toWire(CallReason r)
{
    switch (r) {
    case CallReason::NoneWaiting:
        return QStringLiteral("none_waiting");
    case CallReason::Interleave:
        return QStringLiteral("interleave");
    case CallReason::Priority80:
        return QStringLiteral("priority80");
    case CallReason::Priority:
        return QStringLiteral("priority");
    case CallReason::OldestNormal:
        return QStringLiteral("oldest_normal");
    }
    return {};
}

namespace {

// How a ticket was picked within its class (rule 3).
enum class Pick {
    DueAppointment, // 3a
    ByArrival, // 3b
    EarlyAppointment, // 3c
};

struct Choice
{
    WaitingTicket ticket;
    Pick pick = Pick::ByArrival;
};

bool arrivedOnTime(const WaitingTicket &t)
{
    return t.appointmentStartMs && t.arrivedAtMs <= *t.appointmentStartMs;
}

// The smallest by (key, arrival, id).
template<typename Key>
std::optional<WaitingTicket> firstBy(const QList<WaitingTicket> &tickets, Key key)
{
    std::optional<WaitingTicket> best;
    for (const WaitingTicket &t : tickets) {
        if (!best
            || std::tuple(key(t), t.arrivedAtMs, t.id) < std::tuple(key(*best), best->arrivedAtMs, best->id))
            best = t;
    }
    return best;
}

std::optional<Choice> pickIn(const QList<WaitingTicket> &waiting, PriorityClass c, qint64 nowMs, qint64 leadMs)
{
    QList<WaitingTicket> due, byArrival, early;
    for (const WaitingTicket &t : waiting) {
        if (t.priority != c)
            continue;
        if (!arrivedOnTime(t))
            byArrival << t;
        else if (nowMs >= *t.appointmentStartMs - leadMs)
            due << t;
        else
            early << t;
    }
    const auto start = [](const WaitingTicket &t) { return *t.appointmentStartMs; };
    if (auto t = firstBy(due, start))
        return Choice { *t, Pick::DueAppointment };
    if (auto t = firstBy(byArrival, [](const WaitingTicket &) { return 0; }))
        return Choice { *t, Pick::ByArrival };
    if (auto t = firstBy(early, start))
        return Choice { *t, Pick::EarlyAppointment };
    return std::nullopt;
}

QString waitedText(const WaitingTicket &t, qint64 nowMs)
{
    const qint64 minutes = std::max<qint64>(0, (nowMs - t.arrivedAtMs) / 60000);
    return minutes == 1 ? QStringLiteral("aguarda há 1 minuto")
                        : QStringLiteral("aguarda há %1 minutos").arg(minutes);
}

QString clockTime(qint64 ms, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("HH:mm"));
}

// Why this ticket among those of its class.
QString withinClass(const Choice &c, qint64 nowMs, const QTimeZone &zone)
{
    const WaitingTicket &t = c.ticket;
    const QString booked = t.appointmentStartMs
        ? QStringLiteral("consulta agendada para %1; chegou às %2")
              .arg(clockTime(*t.appointmentStartMs, zone), clockTime(t.arrivedAtMs, zone))
        : QString();
    switch (c.pick) {
    case Pick::DueAppointment:
        return booked + QStringLiteral(", no horário: consultas no horário vêm antes de quem não tem hora marcada");
    case Pick::EarlyAppointment:
        return booked + QStringLiteral(": ainda não é a hora, mas ninguém mais aguarda nessa fila");
    case Pick::ByArrival:
        break;
    }
    if (t.appointmentStartMs)
        return booked + QStringLiteral(", depois do horário: segue a ordem de chegada (%1)").arg(waitedText(t, nowMs));
    return QStringLiteral("a senha mais antiga dessa fila (%1)").arg(waitedText(t, nowMs));
}

} // namespace

CallDecision CallPolicy::next(
    const QList<WaitingTicket> &waiting, int consecutivePriorityCalls, qint64 nowMs) const
{
    CallDecision d;
    const qint64 leadMs = qint64(std::max(0, m_rules.appointmentLeadMinutes)) * 60000;
    const auto p80 = pickIn(waiting, PriorityClass::Priority80, nowMs, leadMs);
    const auto prio = pickIn(waiting, PriorityClass::Priority, nowMs, leadMs);
    const auto normal = pickIn(waiting, PriorityClass::Normal, nowMs, leadMs);
    const int n = std::max(1, m_rules.normalEvery);

    std::optional<Choice> chosen;
    QString why;
    if (normal && (p80 || prio) && consecutivePriorityCalls >= n) {
        chosen = normal;
        d.reason = CallReason::Interleave;
        why = QStringLiteral("após %1 chamadas preferenciais seguidas, uma senha normal é chamada para que "
                             "ninguém espere sem fim")
                  .arg(consecutivePriorityCalls);
    } else if (p80) {
        chosen = p80;
        d.reason = CallReason::Priority80;
        why = QStringLiteral("maiores de 80 anos vêm antes dos demais preferenciais (Lei 13.466/2017)");
    } else if (prio) {
        chosen = prio;
        d.reason = CallReason::Priority;
        why = QStringLiteral("atendimento preferencial (Lei 10.048/2000)");
    } else if (normal) {
        chosen = normal;
        d.reason = CallReason::OldestNormal;
        why = QStringLiteral("nenhuma senha preferencial aguardando");
    } else {
        d.explanation = QStringLiteral("Ninguém aguardando nos serviços deste local.");
        return d;
    }
    d.ticket = chosen->ticket;
    d.explanation = QStringLiteral("%1: %2; %3.")
                        .arg(chosen->ticket.code, why, withinClass(*chosen, nowMs, m_rules.timeZone));
    return d;
}

QString CallPolicy::describe() const
{
    return QStringLiteral("Maiores de 80 anos primeiro, depois os demais preferenciais, depois os normais, "
                          "sempre pela ordem de chegada; após %1 chamadas preferenciais seguidas, "
                          "uma senha normal é chamada. Consultas agendadas cujo paciente chegou no horário "
                          "vêm primeiro dentro da sua fila a partir de %2 minutos antes do horário; quem "
                          "chega depois do horário segue a ordem de chegada.")
        .arg(std::max(1, m_rules.normalEvery))
        .arg(std::max(0, m_rules.appointmentLeadMinutes));
}

} // namespace clinico
