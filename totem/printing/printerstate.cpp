// SPDX-License-Identifier: GPL-3.0-or-later
#include "printerstate.h"

namespace clinico::printing {

namespace {

struct ReasonKind
{
    const char *keyword;
    const char *state;
    const char *message;
};

// Most specific first: when several hold, the first one tells staff what to do.
constexpr ReasonKind kFaults[] = {
    { "media-empty", "media-empty", "Impressora sem papel: troque a bobina" },
    { "media-needed", "media-empty", "Impressora sem papel: troque a bobina" },
    { "media-jam", "media-jam", "Papel enroscado na impressora" },
    { "cover-open", "cover-open", "Tampa da impressora aberta" },
    { "door-open", "cover-open", "Tampa da impressora aberta" },
    { "interlock-open", "cover-open", "Tampa da impressora aberta" },
    { "offline", "offline", "Impressora desligada ou desconectada" },
    { "shutdown", "offline", "Impressora desligada ou desconectada" },
    { "timed-out", "offline", "Impressora desligada ou desconectada" },
};

// Reasons CUPS sets while it works normally, never faults.
bool isBenign(const QString &keyword)
{
    return keyword == QLatin1String("none") || keyword == QLatin1String("paused")
        || keyword == QLatin1String("connecting-to-device") || keyword == QLatin1String("moving-to-paused")
        || keyword.startsWith(QLatin1String("cups-")) || keyword.startsWith(QLatin1String("com."));
}

QString stripSeverity(const QString &reason, QString *severity)
{
    for (const char *suffix : { "-error", "-warning", "-report" }) {
        if (reason.endsWith(QLatin1String(suffix))) {
            *severity = QLatin1String(suffix + 1);
            return reason.chopped(int(qstrlen(suffix)));
        }
    }
    severity->clear();
    return reason;
}

int faultRank(const QString &state)
{
    int rank = 0;
    for (const ReasonKind &kind : kFaults) {
        if (state == QLatin1String(kind.state))
            return rank;
        ++rank;
    }
    return rank;
}

} // namespace

PrinterCondition faultFromReason(const QString &reason)
{
    QString severity;
    const QString keyword = stripSeverity(reason, &severity);
    if (isBenign(keyword) || severity == QLatin1String("warning"))
        return {};
    for (const ReasonKind &kind : kFaults) {
        if (keyword == QLatin1String(kind.keyword)) {
            // "offline-report" is how backends say they cannot reach the printer.
            if (severity == QLatin1String("report") && kind.state != QLatin1String("offline"))
                return {};
            return { QLatin1String(kind.state), QString::fromUtf8(kind.message), true };
        }
    }
    if (severity == QLatin1String("report"))
        return {};
    return { QStringLiteral("failed"), QStringLiteral("Falha na impressora (%1)").arg(reason), true };
}

PrinterCondition describePrinter(const QString &queue, QueueState state, bool acceptingJobs,
    const QStringList &reasons, const QStringList &ignoredReasons)
{
    PrinterCondition worst;
    for (const QString &reason : reasons) {
        if (ignoredReasons.contains(reason) && state != QueueState::Stopped)
            continue;
        const PrinterCondition fault = faultFromReason(reason);
        if (fault.fault && (!worst.fault || faultRank(fault.state) < faultRank(worst.state)))
            worst = fault;
    }
    if (state == QueueState::Stopped) {
        const QString resume
            = QStringLiteral(" (reative a fila \"%1\" no CUPS depois de resolver)").arg(queue);
        if (worst.fault)
            return { worst.state, worst.message + resume, true };
        return { QStringLiteral("stopped"),
            QStringLiteral("Fila de impressão \"%1\" pausada no CUPS").arg(queue), true };
    }
    if (worst.fault)
        return worst;
    if (!acceptingJobs)
        return { QStringLiteral("rejecting"),
            QStringLiteral("Fila de impressão \"%1\" não está aceitando trabalhos").arg(queue), true };
    for (const QString &reason : reasons) {
        if (reason.startsWith(QLatin1String("media-low")))
            return { QStringLiteral("media-low"), QStringLiteral("Papel no fim: troque a bobina em breve"),
                false };
    }
    if (state == QueueState::Processing)
        return { QStringLiteral("printing"), QStringLiteral("Imprimindo"), false };
    return { QStringLiteral("ready"), QStringLiteral("Impressora pronta"), false };
}

} // namespace clinico::printing
