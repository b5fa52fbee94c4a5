// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace clinico::printing {

// What a printed ticket says. Nothing personal: never a CPF or a name.
struct TicketContent
{
    QString clinicName;
    QString code; // "CP012"
    QString serviceName;
    QString priorityLabel; // pt-BR, e.g. "Preferencial 80+"; empty for normal
    QDateTime issuedAt; // in the clinic's time zone, printed as dd/MM/yyyy HH:mm
    int peopleAhead = -1; // -1: unknown (offline)
    int estimatedWaitMinutes = -1; // -1: unknown
    QString statusUrl; // QR content; empty: no QR
    QString footer; // short, e.g. "Aguarde a chamada pela TV"
    bool offline = false; // issued by the totem itself; print a discreet mark
    bool reprint = false; // "2ª via"
};

} // namespace clinico::printing

Q_DECLARE_METATYPE(clinico::printing::TicketContent)
