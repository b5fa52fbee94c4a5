// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>
#include <QUrl>

namespace clinico::server {

// Where the server keeps its data, as `--database` and `[server] database=` write it:
//   sqlite:/var/lib/clinico                 the file clinico.sqlite in that directory (default)
//   postgresql://user[:password]@host[:port]/dbname   a PostgreSQL 15 database
class DatabaseAddress
{
public:
    enum class Engine { Sqlite, Postgres };

    static Result<DatabaseAddress> parse(const QString &text);
    static DatabaseAddress sqliteIn(const QString &dir);

    Engine engine() const { return m_engine; }
    // SQLite: the database file.
    QString sqliteFile() const { return m_dir + QStringLiteral("/clinico.sqlite"); }
    // SQLite: the directory of the file.
    QString sqliteDir() const { return m_dir; }
    // PostgreSQL: the URL.
    const QUrl &url() const { return m_url; }
    // For logs and messages: never the password.
    QString display() const;

private:
    Engine m_engine = Engine::Sqlite;
    QString m_dir;
    QUrl m_url;
};

} // namespace clinico::server
