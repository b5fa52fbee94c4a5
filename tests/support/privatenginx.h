// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace clinico::test {

// Debian's nginx in front of several clinico-server instances, as a network of clinics runs
// it: the shipped packaging/nginx/clinico.conf with the test's ports in place of its `listen`
// and upstream addresses, inside a main configuration of the test's own (prefix, pid file,
// logs and temporary files in a temporary directory, `daemon off`). nginx is a child process
// on a free loopback port, stopped by its PID, killed with the test if that crashes. Never an
// nginx that happens to run on the machine.
class PrivateNginx
{
public:
    PrivateNginx();
    ~PrivateNginx();

    static QString binary(); // /usr/sbin/nginx, or empty when nginx is not installed

    bool start(const QList<quint16> &upstreamPorts);
    void stop(); // SIGTERM, wait

    quint16 port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    qint64 pid() const; // 0 when not running
    QString log() const; // its error log

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

} // namespace clinico::test
