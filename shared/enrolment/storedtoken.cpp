// SPDX-License-Identifier: GPL-3.0-or-later
#include "enrolment/storedtoken.h"

#include <QDir>
#include <QFile>

#include <cstdio>
#include <unistd.h>

namespace clinico::StoredToken {

namespace {
QString pathIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(kFileName);
}
} // namespace

QString read(const QString &dataDir)
{
    QFile f(pathIn(dataDir));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.read(200)).trimmed();
}

Status write(const QString &dataDir, const QString &token)
{
    if (!QDir().mkpath(dataDir))
        return makeError(QStringLiteral("token_not_saved"),
            QStringLiteral("Não foi possível criar a pasta de dados %1.").arg(dataDir));
    const QString path = pathIn(dataDir);
    const QString temporary = path + QStringLiteral(".new");
    QFile::remove(temporary); // open() sets the permissions only on a file it creates
    QFile f(temporary);
    if (!f.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || f.write(token.toLatin1() + '\n') < 0 || !f.flush() || ::fsync(f.handle()) != 0) {
        const QString why = f.errorString();
        f.close();
        QFile::remove(temporary);
        return makeError(QStringLiteral("token_not_saved"),
            QStringLiteral("Não foi possível gravar o token em %1: %2").arg(path, why));
    }
    f.close();
    if (::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        QFile::remove(temporary);
        return makeError(QStringLiteral("token_not_saved"),
            QStringLiteral("Não foi possível gravar o token em %1.").arg(path));
    }
    return Ok {};
}

void remove(const QString &dataDir)
{
    QFile::remove(pathIn(dataDir));
}

QString resolve(const QString &configuredToken, const QString &dataDir)
{
    return configuredToken.isEmpty() ? read(dataDir) : configuredToken;
}

} // namespace clinico::StoredToken
