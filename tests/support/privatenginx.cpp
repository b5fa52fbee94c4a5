// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/privatenginx.h"

#include "support/privateservice.h"

#include <QFile>
#include <QRegularExpression>
#include <QTcpSocket>

#include <sys/prctl.h>

#include <csignal>

namespace clinico::test {

namespace {
QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool writeAll(const QString &path, const QString &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text.toUtf8()) >= 0;
}

// The shipped site configuration, listening on `port` and proxying to `upstreamPorts`.
QString siteConfig(quint16 port, const QList<quint16> &upstreamPorts)
{
    QString site = readAll(QStringLiteral(CLINICO_NGINX_SITE_CONF));
    QString servers;
    for (quint16 upstream : upstreamPorts)
        servers += QStringLiteral("    server 127.0.0.1:%1;\n").arg(upstream);
    site.replace(QRegularExpression(QStringLiteral("(upstream clinico \\{\\n)[^}]*\\}")),
        QStringLiteral("\\1") + servers + u'}');
    site.replace(QRegularExpression(QStringLiteral("\\blisten \\d+;")),
        QStringLiteral("listen 127.0.0.1:%1;").arg(port));
    return site;
}
} // namespace

PrivateNginx::PrivateNginx() = default;

PrivateNginx::~PrivateNginx()
{
    stop();
}

QString PrivateNginx::binary()
{
    const QString path = QStringLiteral("/usr/sbin/nginx");
    return QFile::exists(path) ? path : QString();
}

bool PrivateNginx::start(const QList<quint16> &upstreamPorts)
{
    if (binary().isEmpty() || !m_dir.isValid())
        return false;
    if (m_port == 0)
        m_port = freeLoopbackPort();
    const QString dir = m_dir.path();
    const QString site = siteConfig(m_port, upstreamPorts);
    if (!site.contains(QStringLiteral("listen 127.0.0.1:%1;").arg(m_port))
        || !writeAll(dir + QStringLiteral("/clinico.conf"), site))
        return false;
    // One process (no master and workers): killed with the test, nothing stays behind; as root
    // it does not switch to nobody, who could not enter this directory. Each client takes two
    // connections (its own and the one to an instance): 20,000 descriptors, the sandbox's hard
    // limit, let ~10,000 clients through.
    const QString main = QStringLiteral(R"(daemon off;
master_process off;
worker_rlimit_nofile 20000;
pid %1/nginx.pid;
error_log %1/error.log warn;
events { worker_connections 20000; }
http {
    access_log off;
    client_body_temp_path %1/body;
    proxy_temp_path %1/proxy;
    fastcgi_temp_path %1/fastcgi;
    uwsgi_temp_path %1/uwsgi;
    scgi_temp_path %1/scgi;
    include %1/clinico.conf;
}
)")
                             .arg(dir);
    if (!writeAll(dir + QStringLiteral("/nginx.conf"), main))
        return false;
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(dir + QStringLiteral("/error.log"), QIODevice::Append);
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process->start(binary(),
        { QStringLiteral("-p"), dir, QStringLiteral("-c"), dir + QStringLiteral("/nginx.conf"),
            QStringLiteral("-e"), dir + QStringLiteral("/error.log") });
    return waitUntilReady(
        *m_process,
        [&] {
            QTcpSocket probe;
            probe.connectToHost(QStringLiteral("127.0.0.1"), m_port);
            return probe.waitForConnected(200);
        },
        10000);
}

void PrivateNginx::stop()
{
    // Fast shutdown: a graceful one would wait for every open event stream to end.
    if (m_process)
        stopWith(*m_process, SIGTERM, 10000);
}

qint64 PrivateNginx::pid() const
{
    return m_process && m_process->state() == QProcess::Running ? m_process->processId() : 0;
}

QString PrivateNginx::log() const
{
    return readAll(m_dir.filePath(QStringLiteral("error.log")));
}

} // namespace clinico::test
