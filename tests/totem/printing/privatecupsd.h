// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTemporaryDir>

#include <memory>

namespace clinico::test {

// A CUPS scheduler of the test's own: its config, spool, logs and backends in a temporary
// directory, listening on a free loopback port and a socket, stopped by PID. /etc/cups is not used.
class PrivateCupsd
{
public:
    PrivateCupsd();
    ~PrivateCupsd();

    // extraConfig is appended to cupsd.conf (e.g. "ErrorPolicy abort-job").
    bool start(const QString &extraConfig = {});
    void stop();

    QString server() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString dir() const { return m_dir.path(); }
    QString errorLog() const;

    // A raw queue to socket://127.0.0.1:port: a network thermal printer (AppSocket, 9100).
    bool addSocketQueue(const QString &name, quint16 port);
    enum class Paper { Roll80mm, A4 };
    // A queue whose PPD passes the job's PDF to a file: an 80 mm roll of any length
    // (custom page sizes), or an office printer with A4 sheets only.
    bool addPdfFileQueue(const QString &name, const QString &outputFile, Paper paper = Paper::Roll80mm);
    // A raw queue on a backend that reports the given STATE: keyword and fails, like a printer out of paper.
    bool addFaultyQueue(const QString &name, const QString &stateKeyword);

    // Runs a CUPS command-line tool (lpadmin, cupsdisable, lpstat...) against this scheduler.
    QString runTool(const QString &program, const QStringList &args, int *exitCode = nullptr) const;
    // Jobs not yet completed, as lpstat -o lists them.
    QStringList activeJobs() const;

private:
    bool writeFile(
        const QString &relativePath, const QByteArray &contents, QFile::Permissions permissions) const;

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

// What a network thermal printer on port 9100 receives: every connection's bytes, in order.
class ThermalPrinterListener
{
public:
    ThermalPrinterListener();
    quint16 port() const { return m_server.serverPort(); }
    // Waits (spinning the event loop) until a whole job has arrived and the connection closed.
    QByteArray takeJob(int timeoutMs = 10000);
    int jobCount() const { return int(m_jobs.size()); }

private:
    QTcpServer m_server;
    QList<QByteArray> m_jobs;
};

// Runs a program and returns its standard output (empty if it failed or timed out).
QByteArray runProgram(
    const QString &program, const QStringList &args, int *exitCode = nullptr, int timeoutMs = 20000);

} // namespace clinico::test
