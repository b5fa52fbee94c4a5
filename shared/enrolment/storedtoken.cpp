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

QString readLine(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.read(2000)).trimmed();
}

Status writeFile(const QString &path, const QByteArray &content)
{
    const QString temporary = path + QStringLiteral(".new");
    QFile::remove(temporary); // open() sets the permissions only on a file it creates
    QFile f(temporary);
    if (!f.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || f.write(content) < 0 || !f.flush() || ::fsync(f.handle()) != 0) {
        const QString why = f.errorString();
        f.close();
        QFile::remove(temporary);
        return makeError(QStringLiteral("token_not_saved"),
            QStringLiteral("Não foi possível gravar %1: %2").arg(path, why));
    }
    f.close();
    if (::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        QFile::remove(temporary);
        return makeError(
            QStringLiteral("token_not_saved"), QStringLiteral("Não foi possível gravar %1.").arg(path));
    }
    return Ok {};
}

} // namespace

Stored read(const QString &dataDir)
{
    return Stored { readLine(pathIn(dataDir)).left(200),
        QUrl(readLine(QDir(dataDir).filePath(kServerFileName)), QUrl::StrictMode) };
}

Status write(const QString &dataDir, const QString &token, const QUrl &server)
{
    if (!QDir().mkpath(dataDir))
        return makeError(QStringLiteral("token_not_saved"),
            QStringLiteral("Não foi possível criar a pasta de dados %1.").arg(dataDir));
    if (Status s = writeFile(QDir(dataDir).filePath(kServerFileName), server.toString().toUtf8() + '\n'); !s)
        return s;
    return writeFile(pathIn(dataDir), token.toLatin1() + '\n');
}

void remove(const QString &dataDir)
{
    QFile::remove(pathIn(dataDir));
    QFile::remove(QDir(dataDir).filePath(kServerFileName));
}

} // namespace clinico::StoredToken
