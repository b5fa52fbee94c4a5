// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/privatepostgres.h"

#include "support/privateservice.h"

#include <QFile>

#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <csignal>

namespace clinico::test {

namespace {
// As root, the cluster belongs to (and the server runs as) the postgres user.
const passwd *postgresUser()
{
    return ::geteuid() == 0 ? ::getpwnam("postgres") : nullptr;
}

void becomePostgres(QProcess &process)
{
    // Looked up here: after fork only async-signal-safe calls are allowed (no NSS, no malloc).
    const passwd *user = postgresUser();
    const uid_t uid = user ? user->pw_uid : 0;
    const gid_t gid = user ? user->pw_gid : 0;
    process.setChildProcessModifier([uid, gid] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (uid != 0 && (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0))
            ::_exit(126);
    });
}
} // namespace

PrivatePostgres::PrivatePostgres()
{
    if (const passwd *user = postgresUser())
        ::chown(QFile::encodeName(m_dir.path()).constData(), user->pw_uid, user->pw_gid);
}

PrivatePostgres::~PrivatePostgres()
{
    stop();
}

QString PrivatePostgres::binDir()
{
    const QString dir = QStringLiteral("/usr/lib/postgresql/15/bin");
    return QFile::exists(dir + QStringLiteral("/postgres")) ? dir : QString();
}

bool PrivatePostgres::run(const QString &program, const QStringList &args, QString *output)
{
    QProcess p;
    becomePostgres(p);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_dir.path());
    p.start(binDir() + u'/' + program, args);
    const bool ok = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (output)
        *output = QString::fromLocal8Bit(p.readAll());
    return ok;
}

bool PrivatePostgres::start()
{
    if (binDir().isEmpty() || !m_dir.isValid())
        return false;
    const QString data = m_dir.filePath(QStringLiteral("data"));
    if (!m_initialised) {
        QString output;
        if (!run(QStringLiteral("initdb"),
                { QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("postgres"),
                    QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                    QStringLiteral("--locale=C.UTF-8"), QStringLiteral("--no-sync") },
                &output)) {
            qWarning("initdb failed: %s", qPrintable(output));
            return false;
        }
        m_initialised = true;
        m_port = freeLoopbackPort();
    }
    m_process = std::make_unique<QProcess>();
    becomePostgres(*m_process);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_dir.filePath(QStringLiteral("postgres.log")), QIODevice::Append);
    m_process->start(binDir() + QStringLiteral("/postgres"),
        { QStringLiteral("-D"), data, QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-c"),
            QStringLiteral("listen_addresses=127.0.0.1"), QStringLiteral("-k"), m_dir.path() });
    // Ready when it accepts a connection and answers a query.
    return waitUntilReady(
        *m_process,
        [&] {
            QProcess probe;
            becomePostgres(probe);
            probe.start(binDir() + QStringLiteral("/pg_isready"),
                { QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                    QString::number(m_port) });
            return probe.waitForFinished(5000) && probe.exitCode() == 0;
        },
        30000);
}

void PrivatePostgres::stop()
{
    if (m_process)
        stopWith(*m_process, SIGINT, 15000); // fast shutdown: clients disconnected, data safe
}

void PrivatePostgres::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
}

bool PrivatePostgres::createDatabase(const QString &name)
{
    return run(QStringLiteral("createdb"),
        { QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
            QStringLiteral("-U"), QStringLiteral("postgres"), name });
}

qint64 PrivatePostgres::pid() const
{
    return m_process && m_process->state() == QProcess::Running ? m_process->processId() : 0;
}

QString PrivatePostgres::url(const QString &database) const
{
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2").arg(m_port).arg(database);
}

QString PrivatePostgres::log() const
{
    QFile f(m_dir.filePath(QStringLiteral("postgres.log")));
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

} // namespace clinico::test
