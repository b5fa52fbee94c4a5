// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/serverprocess.h"
#include "support/procstatus.h"

#include "support/testclients.h"
#include "support/testdatabase.h"

#include <QDir>
#include <QFile>
#include <QThread>

#include <sys/prctl.h>
#include <sys/resource.h>

#include <csignal>

namespace clinico::test {

ServerProcess::ServerProcess(const QString &dataDir)
{
    if (dataDir.isEmpty()) {
        m_tmp = std::make_unique<QTemporaryDir>();
        m_dataDir = m_tmp->path() + QStringLiteral("/data");
    } else {
        m_dataDir = dataDir;
    }
    QDir().mkpath(m_dataDir);
}

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::useFileClock(const QString &clockedServer, qint64 nowMs)
{
    program = clockedServer;
    extraArgs << QStringLiteral("--clock-file") << m_dataDir + QStringLiteral("/clock");
    return setClock(nowMs);
}

bool ServerProcess::setClock(qint64 nowMs)
{
    QFile f(m_dataDir + QStringLiteral("/clock"));
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(QByteArray::number(nowMs)) > 0;
}

bool ServerProcess::start()
{
    const QString portFile = m_dataDir + QStringLiteral("/port");
    QFile::remove(portFile);
    m_process = std::make_unique<QProcess>();
    // A file, not a pipe: a pipe nobody drains fills up and blocks the server on its next log line.
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_dataDir + QStringLiteral("/server.log"), QIODevice::Append);
    QStringList args { QStringLiteral("--listen"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
        QString::number(m_port), QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--database"),
        testDatabaseFor(m_dataDir), QStringLiteral("--port-file"), portFile };
    // The server dies with the test: a test that crashes never leaves it running.
    m_process->setChildProcessModifier([limit = rlim_t(descriptorLimit)] {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (limit > 0) {
            const rlimit l { limit, limit };
            setrlimit(RLIMIT_NOFILE, &l);
        }
    });
    m_process->start(program, args + extraArgs);
    if (!m_process->waitForStarted(5000))
        return false;
    const bool up = spinUntil(
        [&] { return QFile::exists(portFile) || m_process->state() == QProcess::NotRunning; }, 10000);
    if (!up || m_process->state() == QProcess::NotRunning)
        return false;
    QFile f(portFile);
    f.open(QIODevice::ReadOnly);
    m_port = quint16(f.readAll().trimmed().toUInt());
    return m_port != 0;
}

int ServerProcess::exitCode() const
{
    if (!m_process || m_process->state() != QProcess::NotRunning
        || m_process->exitStatus() != QProcess::NormalExit)
        return -1;
    return m_process->exitCode();
}

void ServerProcess::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5000)) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
}

QString ServerProcess::log() const
{
    QFile f(m_dataDir + QStringLiteral("/server.log"));
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

qint64 ServerProcess::peakMemoryKiB() const
{
    return procStatusKiB(pid(), "VmHWM");
}

qint64 ServerProcess::pid() const
{
    return isRunning() ? m_process->processId() : 0;
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QString ServerProcess::runCli(const QStringList &args, int *exitCode, const QByteArray &input)
{
    QProcess p;
    p.start(QStringLiteral(CLINICO_SERVER_BINARY),
        args
            + QStringList { QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--database"),
                testDatabaseFor(m_dataDir) });
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(10000);
    if (exitCode)
        *exitCode = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

namespace {
QStringList inUnit(qint64 unit)
{
    return unit ? QStringList { QStringLiteral("--unit"), QString::number(unit) } : QStringList {};
}
} // namespace

QString ServerProcess::addDevice(const QString &role, const QString &name, qint64 unit)
{
    return runCli(QStringList { QStringLiteral("device"), QStringLiteral("add"), QStringLiteral("--role"),
                      role, QStringLiteral("--name"), name }
        + inUnit(unit));
}

qint64 ServerProcess::addUnit(const QString &name, const QString &timeZone)
{
    return runCli({ QStringLiteral("unit"), QStringLiteral("add"), QStringLiteral("--name"), name,
                      QStringLiteral("--time-zone"), timeZone })
        .toLongLong();
}

bool ServerProcess::addUser(const QString &username, const QByteArray &password, const QStringList &flags)
{
    int rc = -1;
    runCli(QStringList { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--username"),
               username, QStringLiteral("--password-stdin") }
            + flags,
        &rc, password + '\n');
    return rc == 0;
}

QString ServerProcess::devicesAsStaffSee()
{
    if (m_adminToken.isEmpty())
        m_adminToken = addDevice(QStringLiteral("admin"), QStringLiteral("test admin"));
    const auto reply = ApiClient(url(), m_adminToken).get(QStringLiteral("/api/v1/devices"));
    return reply ? QString::fromUtf8(reply->body) : QString();
}

qint64 ServerProcess::addService(const QString &prefix, const QString &name, qint64 unit)
{
    return runCli(QStringList { QStringLiteral("service"), QStringLiteral("add"), QStringLiteral("--prefix"),
                      prefix, QStringLiteral("--name"), name }
        + inUnit(unit))
        .toLongLong();
}

qint64 ServerProcess::addCounter(const QString &name, const QList<qint64> &serviceIds, qint64 unit)
{
    QStringList ids;
    for (qint64 id : serviceIds)
        ids << QString::number(id);
    return runCli(QStringList { QStringLiteral("counter"), QStringLiteral("add"), QStringLiteral("--name"),
                      name, QStringLiteral("--services"), ids.join(u',') }
        + inUnit(unit))
        .toLongLong();
}

} // namespace clinico::test
