// SPDX-License-Identifier: GPL-3.0-or-later
#include "enrolment/enrolfile.h"

#include "enrolment/enrolmentcode.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSettings>

Q_DECLARE_LOGGING_CATEGORY(lcEnrol)

namespace clinico {

QStringList EnrolFile::candidates(const QString &dataDir)
{
    return { QDir(dataDir).filePath(kFileName), QStringLiteral("/boot/efi/") + kFileName,
        QStringLiteral("/boot/") + kFileName };
}

std::optional<EnrolFile> EnrolFile::find(const QString &dataDir)
{
    for (const QString &path : candidates(dataDir)) {
        if (!QFile::exists(path))
            continue;
        const QSettings ini(path, QSettings::IniFormat);
        const auto code = EnrolmentCode::normalize(ini.value(QStringLiteral("enrol/code")).toString());
        const QString server = ini.value(QStringLiteral("enrol/server")).toString();
        const QUrl url(server, QUrl::StrictMode);
        if (!code || (!server.isEmpty() && (!url.isValid() || !url.scheme().startsWith(u"http")))) {
            qCWarning(lcEnrol) << path << "has no valid code (K7QF-9M2X) or server URL: ignored";
            continue;
        }
        return EnrolFile { path, server.isEmpty() ? QUrl() : url, *code };
    }
    return std::nullopt;
}

} // namespace clinico
