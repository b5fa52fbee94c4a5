// SPDX-License-Identifier: GPL-3.0-or-later
#include "privatecupsd.h"

#include "support/testclients.h"

#include <QDir>
#include <QFile>
#include <QTcpSocket>

#include <csignal>
#include <sys/types.h>

namespace clinico::test {

namespace {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// An office printer: A4 sheets only.
constexpr char kA4Ppd[] = R"PPD(*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]/ImagingBBox null>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]/ImagingBBox null>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "18 18 577 824"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
)PPD";

// The PDF roll printer of packaging/cups (one definition, also the demo's printer): the job's
// PDF passed through to the device unchanged, on 80 mm roll paper.
QByteArray pdfRollPpd()
{
    QFile file(QStringLiteral(CLINICO_PDF_PPD));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The same printer with A4 sheets instead of the roll: its header, then other page sizes.
QByteArray pdfA4Ppd()
{
    const QByteArray roll = pdfRollPpd();
    return roll.left(roll.indexOf("*OpenUI *PageSize")) + kA4Ppd;
}

} // namespace

QByteArray runProgram(const QString &program, const QStringList &args, int *exitCode, int timeoutMs)
{
    QProcess process;
    process.start(program, args);
    const bool ok = process.waitForFinished(timeoutMs);
    if (!ok)
        process.kill();
    if (exitCode)
        *exitCode = ok && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return process.readAllStandardOutput();
}

PrivateCupsd::PrivateCupsd()
{
    // Filters run as lp: they must be able to reach the spool inside this directory.
    QFile::setPermissions(m_dir.path(),
        QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
            | QFile::ReadOther | QFile::ExeOther);
}

PrivateCupsd::~PrivateCupsd()
{
    stop();
}

bool PrivateCupsd::writeFile(
    const QString &relativePath, const QByteArray &contents, QFile::Permissions permissions) const
{
    QFile file(m_dir.filePath(relativePath));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(contents) != contents.size())
        return false;
    file.close();
    return file.setPermissions(permissions);
}

bool PrivateCupsd::start(const QString &extraConfig)
{
    const QDir root(m_dir.path());
    for (const char *sub :
        { "etc", "spool", "tmp", "cache", "state", "log", "serverbin", "serverbin/backend" })
        root.mkpath(QLatin1String(sub));
    // Our own ServerBin: the system's filters and daemons, but a backend folder we control.
    for (const char *sub : { "cgi-bin", "daemon", "driver", "filter", "monitor", "notifier" })
        QFile::link(QStringLiteral("/usr/lib/cups/") + QLatin1String(sub),
            root.filePath(QStringLiteral("serverbin/") + QLatin1String(sub)));
    QFile::link(QStringLiteral("/usr/lib/cups/backend/socket"),
        root.filePath(QStringLiteral("serverbin/backend/socket")));

    m_port = freeLoopbackPort();
    const QString d = m_dir.path();
    const QFile::Permissions readable
        = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
    const QString cupsd
        = QStringLiteral("Listen 127.0.0.1:%1\nListen %2/cups.sock\nBrowsing No\nWebInterface No\n"
                         "DefaultAuthType None\nLogLevel debug\nMaxJobs 0\n"
                         "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                         "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n%3\n")
              .arg(m_port)
              .arg(d, extraConfig);
    const QString files = QStringLiteral("ServerRoot %1/etc\nServerBin %1/serverbin\nRequestRoot %1/spool\n"
                                         "TempDir %1/tmp\nCacheDir %1/cache\nStateDir %1/state\n"
                                         "AccessLog %1/log/access_log\nErrorLog %1/log/error_log\n"
                                         "PageLog %1/log/page_log\nFileDevice Yes\n")
                              .arg(d);
    if (!writeFile(QStringLiteral("cupsd.conf"), cupsd.toUtf8(), readable)
        || !writeFile(QStringLiteral("cups-files.conf"), files.toUtf8(), readable))
        return false;

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_dir.filePath(QStringLiteral("log/cupsd.out")));
    m_process->start(QStringLiteral("/usr/sbin/cupsd"),
        { QStringLiteral("-f"), QStringLiteral("-c"), m_dir.filePath(QStringLiteral("cupsd.conf")),
            QStringLiteral("-s"), m_dir.filePath(QStringLiteral("cups-files.conf")) });
    if (!m_process->waitForStarted(5000))
        return false;
    return spinUntil(
               [this] {
                   if (m_process->state() != QProcess::Running)
                       return true;
                   QTcpSocket probe;
                   probe.connectToHost(QHostAddress::LocalHost, m_port);
                   return probe.waitForConnected(100);
               },
               10000)
        && m_process->state() == QProcess::Running;
}

void PrivateCupsd::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(5000)) {
        ::kill(pid_t(m_process->processId()), SIGKILL);
        m_process->waitForFinished(2000);
    }
}

QString PrivateCupsd::errorLog() const
{
    QFile file(m_dir.filePath(QStringLiteral("log/error_log")));
    file.open(QIODevice::ReadOnly);
    return QString::fromUtf8(file.readAll());
}

QString PrivateCupsd::runTool(const QString &program, const QStringList &args, int *exitCode) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CUPS_SERVER"), server());
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    const bool ok = process.waitForFinished(20000);
    if (exitCode)
        *exitCode = ok && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return QString::fromUtf8(process.readAll());
}

QStringList PrivateCupsd::activeJobs() const
{
    return runTool(QStringLiteral("lpstat"), { QStringLiteral("-o") })
        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

bool PrivateCupsd::addSocketQueue(const QString &name, quint16 port)
{
    int code = -1;
    runTool(QStringLiteral("lpadmin"),
        { QStringLiteral("-p"), name, QStringLiteral("-E"), QStringLiteral("-v"),
            QStringLiteral("socket://127.0.0.1:%1").arg(port), QStringLiteral("-m"), QStringLiteral("raw") },
        &code);
    return code == 0;
}

bool PrivateCupsd::addPdfFileQueue(const QString &name, const QString &outputFile, Paper paper)
{
    const QString ppd = QStringLiteral("%1.ppd").arg(name);
    const QByteArray contents = paper == Paper::Roll80mm ? pdfRollPpd() : pdfA4Ppd();
    if (!contents.contains("*cupsFilter2"))
        return false;
    if (!writeFile(ppd, contents, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther))
        return false;
    // cupsd 2.4.2-3+deb12u10 (a security update) opens a file: device outside /dev/ without
    // creating it, and stops the job if it is missing: the output file must exist first.
    QFile output(outputFile);
    if (!output.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    output.close();
    int code = -1;
    runTool(QStringLiteral("lpadmin"),
        { QStringLiteral("-p"), name, QStringLiteral("-E"), QStringLiteral("-v"),
            QStringLiteral("file://") + outputFile, QStringLiteral("-P"), m_dir.filePath(ppd) },
        &code);
    return code == 0;
}

bool PrivateCupsd::addFaultyQueue(const QString &name, const QString &stateKeyword)
{
    const QString backend = QStringLiteral("faulty-") + name;
    const QString script
        = QStringLiteral("#!/bin/sh\n"
                         "if [ $# -eq 0 ]; then echo 'direct %1 \"Faulty\" \"Fault injection\"'; exit 0; fi\n"
                         "echo 'STATE: +%2' >&2\n"
                         "echo 'ERROR: fault injected by the test (%2)' >&2\n"
                         "cat > /dev/null\n"
                         "exit 1\n")
              .arg(backend, stateKeyword);
    // Mode 0700 and owned by root: cupsd runs it as root and accepts its permissions.
    if (!writeFile(QStringLiteral("serverbin/backend/") + backend, script.toUtf8(),
            QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
        return false;
    int code = -1;
    runTool(QStringLiteral("lpadmin"),
        { QStringLiteral("-p"), name, QStringLiteral("-E"), QStringLiteral("-v"),
            backend + QStringLiteral(":/test"), QStringLiteral("-m"), QStringLiteral("raw") },
        &code);
    return code == 0;
}

ThermalPrinterListener::ThermalPrinterListener()
{
    m_server.listen(QHostAddress::LocalHost, 0);
    QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            auto *buffer = new QByteArray;
            QObject::connect(socket, &QTcpSocket::readyRead, socket,
                [socket, buffer] { buffer->append(socket->readAll()); });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, socket, buffer] {
                buffer->append(socket->readAll());
                m_jobs.append(*buffer);
                delete buffer;
                socket->deleteLater();
            });
        }
    });
}

QByteArray ThermalPrinterListener::takeJob(int timeoutMs)
{
    if (!spinUntil([this] { return !m_jobs.isEmpty(); }, timeoutMs))
        return {};
    return m_jobs.takeFirst();
}

} // namespace clinico::test
