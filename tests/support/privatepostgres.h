// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace clinico::test {

// A PostgreSQL 15 server of the test's own: a fresh cluster (initdb) in a temporary
// directory, `postgres` itself as a child process on a free loopback port with its Unix
// socket in the same directory, stopped by its PID when the test ends and killed with the
// test if it crashes. As root it runs as the `postgres` user (initdb refuses root). Never a
// PostgreSQL that happens to be running on the machine.
class PrivatePostgres
{
public:
    PrivatePostgres();
    ~PrivatePostgres();

    // Where the server binaries are (Debian: /usr/lib/postgresql/15/bin); empty if missing.
    static QString binDir();

    bool start(); // initdb on the first call; a restart keeps the data, as a real one would
    void stop(); // SIGTERM (smart shutdown), wait
    void kill(); // SIGKILL: a power cut as far as the process is concerned
    bool createDatabase(const QString &name);

    quint16 port() const { return m_port; }
    qint64 pid() const; // 0 when not running
    // postgresql://postgres@127.0.0.1:<port>/<database>, the form --database takes.
    QString url(const QString &database = QStringLiteral("postgres")) const;
    QString log() const;

private:
    bool run(const QString &program, const QStringList &args, QString *output = nullptr);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    bool m_initialised = false;
};

} // namespace clinico::test
