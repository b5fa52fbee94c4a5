// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace clinico {

// clinico-enrol.conf: what clinic IT drops onto a kiosk so it enrols with nobody at the
// screen, a one-time code an admin made in the console (POST /api/v1/enrolments/preapproved)
// and, optionally, the server's URL (else the configured one):
//
//     [enrol]
//     server=http://10.0.0.2:8080
//     code=K7QF-9M2X
struct EnrolFile
{
    static inline const QString kFileName = QStringLiteral("clinico-enrol.conf");

    QString path;
    QUrl server; // invalid: the configured server
    QString code; // normalised

    // Where it is looked for, in order: the data directory, then the boot partition.
    static QStringList candidates(const QString &dataDir);
    // The first candidate that exists and holds a well-formed code.
    static std::optional<EnrolFile> find(const QString &dataDir);
};

} // namespace clinico
