// SPDX-License-Identifier: GPL-3.0-or-later
// The queue server with a clock the test sets: the same ServerApp as clinico-server, but "now"
// is read from a file (milliseconds since the epoch) on every call. Used by the browser test
// that scripts a whole clinic day in seconds. Not installed; tests only.
#include "app/serverapp.h"
#include "config/serverconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace {

class FileClock final : public clinico::Clock
{
public:
    explicit FileClock(QString path)
        : m_path(std::move(path))
    { }
    QDateTime now() const override
    {
        QFile f(m_path);
        bool ok = false;
        const qint64 ms = f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong(&ok) : 0;
        return ok ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime::currentDateTimeUtc();
    }

private:
    QString m_path;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    clinico::server::ServerConfig::addOptions(parser);
    parser.addOption({ QStringLiteral("clock-file"), QStringLiteral("File holding the current time (ms)."),
        QStringLiteral("file") });
    parser.process(app);
    auto config = clinico::server::ServerConfig::load(parser);
    if (!config) {
        QTextStream(stderr) << config.error().message << Qt::endl;
        return 2;
    }
    FileClock clock(parser.value(QStringLiteral("clock-file")));
    clinico::server::ServerApp server(*config, clock);
    if (clinico::Status s = server.start(); !s) {
        QTextStream(stderr) << s.error().message << Qt::endl;
        return 1;
    }
    return app.exec();
}
