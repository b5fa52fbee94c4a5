// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/testdatabase.h"

#include "support/privatepostgres.h"

#include <QFile>
#include <QUrl>
#include <QUuid>

#include <memory>

namespace clinico::test {

namespace {
// One cluster per test process: initdb costs about a second, a database a few milliseconds.
PrivatePostgres *cluster()
{
    static std::unique_ptr<PrivatePostgres> postgres;
    static bool tried = false;
    if (!tried) {
        tried = true;
        auto p = std::make_unique<PrivatePostgres>();
        if (p->start())
            postgres = std::move(p);
        else
            qWarning("the private PostgreSQL did not start: %s", qPrintable(p->log()));
    }
    return postgres.get();
}
} // namespace

bool testsRunOnPostgres()
{
    return qEnvironmentVariable("CLINICO_TEST_DATABASE") == QLatin1String("postgresql");
}

QString privateClusterUrl(const QString &database)
{
    PrivatePostgres *p = cluster();
    return p ? p->url(database) : QString();
}

QString testDatabaseFor(const QString &dataDir)
{
    if (!testsRunOnPostgres())
        return QStringLiteral("sqlite:") + dataDir;
    QFile remembered(dataDir + QStringLiteral("/test-database"));
    if (remembered.open(QIODevice::ReadOnly))
        return QString::fromUtf8(remembered.readAll()).trimmed();
    PrivatePostgres *p = cluster();
    const QString name = QStringLiteral("t") + QUuid::createUuid().toString(QUuid::Id128);
    if (!p || !p->createDatabase(name))
        return {};
    const QString url = p->url(name);
    if (remembered.open(QIODevice::WriteOnly))
        remembered.write(url.toUtf8());
    return url;
}

QSqlDatabase connectionToTestDatabase(const QString &dataDir, const QString &connectionName)
{
    if (!testsRunOnPostgres()) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        db.setDatabaseName(dataDir + QStringLiteral("/clinico.sqlite"));
        return db;
    }
    const QUrl url(testDatabaseFor(dataDir));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(url.host());
    db.setPort(url.port());
    db.setUserName(url.userName());
    db.setDatabaseName(url.path().mid(1));
    return db;
}

} // namespace clinico::test
