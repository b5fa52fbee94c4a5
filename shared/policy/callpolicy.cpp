// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/callpolicy.h"

#include <QDateTime>

#include <algorithm>
#include <array>
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

// Rule 3's order within a class: due appointments (earliest start), then by arrival, then
// appointments not due yet (earliest start); ties by arrival, then id.
using WithinClassKey = std::tuple<int, qint64, qint64, qint64>;
WithinClassKey withinClassKey(const WaitingTicket &t, qint64 nowMs, qint64 leadMs)
{
    if (!arrivedOnTime(t))
        return { int(Pick::ByArrival), 0, t.arrivedAtMs, t.id };
    const Pick pick = nowMs >= *t.appointmentStartMs - leadMs ? Pick::DueAppointment : Pick::EarlyAppointment;
    return { int(pick), *t.appointmentStartMs, t.arrivedAtMs, t.id };
}

std::optional<Choice> pickIn(const QList<WaitingTicket> &waiting, PriorityClass c, qint64 nowMs, qint64 leadMs)
{
    std::optional<Choice> best;
    WithinClassKey bestKey;
    for (const WaitingTicket &t : waiting) {
        if (t.priority != c)
            continue;
        const WithinClassKey key = withinClassKey(t, nowMs, leadMs);
        if (!best || key < bestKey) {
            best = Choice { t, Pick(std::get<0>(key)) };
            bestKey = key;
        }
    }
    return best;
}

// Rules 1 and 2: which class is called, given the classes that have someone waiting.
CallReason classRule(bool p80, bool prio, bool normal, int consecutivePriorityCalls, int normalEvery)
{
    if (normal && (p80 || prio) && consecutivePriorityCalls >= normalEvery)
        return CallReason::Interleave;
    if (p80)
        return CallReason::Priority80;
    if (prio)
        return CallReason::Priority;
    if (normal)
        return CallReason::OldestNormal;
    return CallReason::NoneWaiting;
}

// The class a rule-1/2 decision calls (NoneWaiting: none, answered as Normal).
PriorityClass calledClass(CallReason r)
{
    return r == CallReason::Priority80 ? PriorityClass::Priority80
        : r == CallReason::Priority    ? PriorityClass::Priority
                                       : PriorityClass::Normal;
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
    d.reason = classRule(p80.has_value(), prio.has_value(), normal.has_value(), consecutivePriorityCalls,
        std::max(1, m_rules.normalEvery));
    std::optional<Choice> chosen;
    QString why;
    switch (d.reason) {
    case CallReason::Interleave:
        chosen = normal;
        why = QStringLiteral("após %1 chamadas preferenciais seguidas, uma senha normal é chamada para que "
                             "ninguém espere sem fim")
                  .arg(consecutivePriorityCalls);
        break;
    case CallReason::Priority80:
        chosen = p80;
        why = QStringLiteral("maiores de 80 anos vêm antes dos demais preferenciais (Lei 13.466/2017)");
        break;
    case CallReason::Priority:
        chosen = prio;
        why = QStringLiteral("atendimento preferencial (Lei 10.048/2000)");
        break;
    case CallReason::OldestNormal:
        chosen = normal;
        why = QStringLiteral("nenhuma senha preferencial aguardando");
        break;
    case CallReason::NoneWaiting:
        d.explanation = QStringLiteral("Ninguém aguardando nos serviços deste local.");
        return d;
    }
    d.ticket = chosen->ticket;
    d.explanation = QStringLiteral("%1: %2; %3.")
                        .arg(chosen->ticket.code, why, withinClass(*chosen, nowMs, m_rules.timeZone));
    return d;
}

QList<WaitingTicket> CallPolicy::order(
    const QList<WaitingTicket> &waiting, int consecutivePriorityCalls, qint64 nowMs, qint64 untilId) const
{
    // next() called again and again, without the sentences: each class sorted once by rule 3's
    // key (it does not depend on who else waits), then rules 1 and 2 pick the class each time.
    const qint64 leadMs = qint64(std::max(0, m_rules.appointmentLeadMinutes)) * 60000;
    std::array<QList<WaitingTicket>, kPriorityClasses.size()> byClass; // by rank
    for (const WaitingTicket &t : waiting)
        byClass[std::size_t(rank(t.priority))] << t;
    for (auto &tickets : byClass)
        std::sort(tickets.begin(), tickets.end(), [&](const WaitingTicket &a, const WaitingTicket &b) {
            return withinClassKey(a, nowMs, leadMs) < withinClassKey(b, nowMs, leadMs);
        });
    std::array<qsizetype, kPriorityClasses.size()> taken {};
    const auto left = [&](PriorityClass c) { return taken[std::size_t(rank(c))] < byClass[std::size_t(rank(c))].size(); };
    QList<WaitingTicket> out;
    for (int consecutive = consecutivePriorityCalls;;) {
        const CallReason r = classRule(left(PriorityClass::Priority80), left(PriorityClass::Priority),
            left(PriorityClass::Normal), consecutive, std::max(1, m_rules.normalEvery));
        if (r == CallReason::NoneWaiting)
            break;
        const PriorityClass c = calledClass(r);
        const WaitingTicket &t = byClass[std::size_t(rank(c))][taken[std::size_t(rank(c))]++];
        if (t.id == untilId)
            break;
        out << t;
        consecutive = isPriority(c) ? consecutive + 1 : 0;
    }
    return out;
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
