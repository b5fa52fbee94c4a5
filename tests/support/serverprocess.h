// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace clinico::test {

// The real clinico-server binary on an ephemeral loopback port with its own data directory,
// its database on the engine the tests run on (support/testdatabase.h). Restarting keeps the
// port and the data, as a real server restart would.
class ServerProcess
{
public:
    explicit ServerProcess(const QString &dataDir = {});
    ~ServerProcess();

    bool start();
    void stop(); // SIGTERM, wait
    void kill(); // SIGKILL: a power cut as far as the process is concerned
    bool isRunning() const;
    int exitCode() const; // once it has exited by itself; -1 while running or after a crash

    // Admin CLI against the same data directory and database. `unit`: the clinic of a network
    // the new device, service or room belongs to (0: the first).
    QString addDevice(
        const QString &role, const QString &name = QStringLiteral("test device"), qint64 unit = 0);
    qint64 addService(const QString &prefix, const QString &name, qint64 unit = 0);
    qint64 addCounter(const QString &name, const QList<qint64> &serviceIds, qint64 unit = 0);
    qint64 addUnit(const QString &name, const QString &timeZone);
    // A staff account with this password; `flags`: its role and unit (--network-admin: none).
    bool addUser(const QString &username, const QByteArray &password, const QStringList &flags);
    QString runCli(const QStringList &args, int *exitCode = nullptr, const QByteArray &input = {});
    // The device list as the admin view gets it (GET /api/v1/devices, compact JSON): what the
    // kiosks reported, up to this moment. (`device list` on the CLI reads the database, where
    // the server saves presence every 10 s.) Adds an admin device on first use.
    QString devicesAsStaffSee();

    quint16 port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    QString dataDir() const { return m_dataDir; }
    QString log() const; // everything the server wrote to stdout/stderr, across restarts
    qint64 peakMemoryKiB() const; // the process's resident high-water mark (VmHWM)
    qint64 pid() const; // 0 when not running
    QStringList extraArgs;
    // The server binary: clinico-server, or tests/desk's clinico-clocked-server (same server,
    // its clock read from a file) for behaviour that depends on time passing.
    QString program = QStringLiteral(CLINICO_SERVER_BINARY);
    int descriptorLimit = 0; // RLIMIT_NOFILE (soft and hard) of the server; 0: inherited
    // Runs `clockedServer` (tests/desk's clinico-clocked-server) with its "now" read from a
    // file in the data directory, set to `nowMs`; before start().
    bool useFileClock(const QString &clockedServer, qint64 nowMs);
    // Moves that clock; the server reads it on every call.
    bool setClock(qint64 nowMs);

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dataDir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_adminToken;
};

} // namespace clinico::test
