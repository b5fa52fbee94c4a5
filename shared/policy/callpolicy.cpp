// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/callpolicy.h"

#include <algorithm>

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

std::optional<WaitingTicket> oldestOf(const QList<WaitingTicket> &waiting, PriorityClass c)
{
    std::optional<WaitingTicket> best;
    for (const WaitingTicket &t : waiting) {
        if (t.priority != c)
            continue;
        if (!best || t.arrivedAtMs < best->arrivedAtMs
            || (t.arrivedAtMs == best->arrivedAtMs && t.id < best->id))
            best = t;
    }
    return best;
}

QString waitedText(const WaitingTicket &t, qint64 nowMs)
{
    const qint64 minutes = std::max<qint64>(0, (nowMs - t.arrivedAtMs) / 60000);
    return minutes == 1 ? QStringLiteral("aguarda há 1 minuto")
                        : QStringLiteral("aguarda há %1 minutos").arg(minutes);
}

} // namespace

CallDecision CallPolicy::next(
    const QList<WaitingTicket> &waiting, int consecutivePriorityCalls, qint64 nowMs) const
{
    CallDecision d;
    const auto p80 = oldestOf(waiting, PriorityClass::Priority80);
    const auto prio = oldestOf(waiting, PriorityClass::Priority);
    const auto normal = oldestOf(waiting, PriorityClass::Normal);
    const bool anyPriority = p80 || prio;
    const int n = std::max(1, m_rules.normalEvery);

    if (normal && anyPriority && consecutivePriorityCalls >= n) {
        d.ticket = normal;
        d.reason = CallReason::Interleave;
        d.explanation
            = QStringLiteral("%1: após %2 chamadas preferenciais seguidas, uma senha normal é chamada "
                             "para que ninguém espere sem fim (%3).")
                  .arg(normal->code)
                  .arg(consecutivePriorityCalls)
                  .arg(waitedText(*normal, nowMs));
    } else if (p80) {
        d.ticket = p80;
        d.reason = CallReason::Priority80;
        d.explanation = QStringLiteral("%1: maiores de 80 anos vêm antes dos demais preferenciais "
                                       "(Lei 13.466/2017); a mais antiga dessa fila (%2).")
                            .arg(p80->code, waitedText(*p80, nowMs));
    } else if (prio) {
        d.ticket = prio;
        d.reason = CallReason::Priority;
        d.explanation
            = QStringLiteral("%1: atendimento preferencial (Lei 10.048/2000); a mais antiga da fila "
                             "preferencial (%2).")
                  .arg(prio->code, waitedText(*prio, nowMs));
    } else if (normal) {
        d.ticket = normal;
        d.reason = CallReason::OldestNormal;
        d.explanation
            = QStringLiteral("%1: nenhuma senha preferencial aguardando; a normal mais antiga (%2).")
                  .arg(normal->code, waitedText(*normal, nowMs));
    } else {
        d.explanation = QStringLiteral("Ninguém aguardando nos serviços deste local.");
    }
    return d;
}

QString CallPolicy::describe() const
{
    return QStringLiteral("Maiores de 80 anos primeiro, depois os demais preferenciais, depois os normais, "
                          "sempre pela ordem de chegada; após %1 chamadas preferenciais seguidas, "
                          "uma senha normal é chamada.")
        .arg(std::max(1, m_rules.normalEvery));
}

} // namespace clinico
