// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/postgresconnection.h"

namespace clinico::server {

Status PostgresConnection::open(const QUrl &url)
{
    close();
    const QString name = newConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    db.setConnectOptions(QStringLiteral("connect_timeout=10;application_name=clinico-server"));
    if (Status s = adopt(db, name, url.toDisplayString(QUrl::RemovePassword)); !s)
        return s;
    // NOTICEs (a DROP ... CASCADE in a migration) would reach stderr unasked.
    return execute(QStringLiteral("SET client_min_messages TO warning"));
}

Status PostgresConnection::afterBegin()
{
    // Any fixed number: the one lock every Clinico writer on this database takes.
    static const QString lock = QStringLiteral("SELECT pg_advisory_xact_lock(20261207)");
    return execute(lock);
}

} // namespace clinico::server
