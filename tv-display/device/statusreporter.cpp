// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/statusreporter.h"

#include "net/httpclient.h"

#include <QImage>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStatus, "clinico.tv.status")

namespace clinico::tv {

using namespace clinico::protocol;

// Lives on the reporter's thread.
class StatusWorker : public QObject
{
    Q_OBJECT
public:
    StatusWorker(QUrl server, QString token)
        : m_server(std::move(server))
        , m_token(std::move(token))
    { }

    void report(const DeviceStatus &status)
    {
        HttpRequest r;
        r.method = "POST";
        r.url = url(QStringLiteral("/api/v1/devices/me/status"));
        r.body = QJsonDocument(status.toJson()).toJson(QJsonDocument::Compact);
        auto reply = http().send(r);
        if (!reply)
            Q_EMIT reported(false, reply.error().message);
        else if (!reply->isSuccess())
            Q_EMIT reported(false, reply->error().message);
        else
            Q_EMIT reported(true, {});
    }

    void fetchSettings()
    {
        HttpRequest r;
        r.url = url(QStringLiteral("/api/v1/settings/display"));
        auto reply = http().send(r);
        if (!reply || !reply->isSuccess())
            return;
        if (auto settings = DisplaySettings::fromJson(reply->json()))
            Q_EMIT settingsFetched(*settings);
    }

    void fetchLogo(const QString &url)
    {
        const QUrl target = m_server.resolved(QUrl(url));
        const bool ownServer = target.scheme() == m_server.scheme() && target.host() == m_server.host()
            && target.port(-1) == m_server.port(-1);
        HttpRequest r;
        r.url = target.toString();
        auto reply = ownServer ? http().send(r) : anonymous().send(r);
        if (!reply || !reply->isSuccess()) {
            qCInfo(lcStatus) << "logo not fetched from" << target.toString();
            return;
        }
        if (reply->body.size() > kMaxLogoBytes || QImage::fromData(reply->body).isNull()) {
            qCWarning(lcStatus) << "the logo at" << target.toString() << "is not an image under 2 MiB";
            return;
        }
        Q_EMIT logoFetched(url, reply->body);
    }

Q_SIGNALS:
    void settingsFetched(const clinico::protocol::DisplaySettings &settings);
    void logoFetched(const QString &url, const QByteArray &image);
    void reported(bool ok, const QString &message);

private:
    static constexpr qsizetype kMaxLogoBytes = 2 * 1024 * 1024;
    CurlHttpClient &anonymous()
    {
        if (!m_anonymous)
            m_anonymous = std::make_unique<CurlHttpClient>(HttpOptions {
                std::chrono::milliseconds(2000), std::chrono::milliseconds(10000), {}, {}, {} });
        return *m_anonymous;
    }

    QString url(const QString &path) const
    {
        QUrl u = m_server;
        u.setPath(path);
        return u.toString();
    }
    CurlHttpClient &http()
    {
        if (!m_http) // made on this thread: a curl handle must stay on one thread
            m_http = std::make_unique<CurlHttpClient>(HttpOptions {
                std::chrono::milliseconds(2000), std::chrono::milliseconds(5000), m_token, {}, {} });
        return *m_http;
    }

    QUrl m_server;
    QString m_token;
    std::unique_ptr<CurlHttpClient> m_http;
    std::unique_ptr<CurlHttpClient> m_anonymous;
};

StatusReporter::StatusReporter(QUrl server, QString token, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_worker(new StatusWorker(std::move(server), std::move(token)))
{
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &StatusWorker::settingsFetched, this, &StatusReporter::settingsFetched);
    connect(m_worker, &StatusWorker::logoFetched, this, &StatusReporter::logoFetched);
    connect(m_worker, &StatusWorker::reported, this, [this](bool ok, const QString &message) {
        if (ok)
            ++m_sent;
        else
            qCInfo(lcStatus) << "status not reported:" << message;
        Q_EMIT reported(ok, message);
    });
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StatusReporter::reportNow);
    m_thread.setObjectName(QStringLiteral("tv-status"));
}

StatusReporter::~StatusReporter()
{
    m_thread.quit();
    m_thread.wait();
}

void StatusReporter::start()
{
    if (!m_thread.isRunning())
        m_thread.start();
    m_timer.start();
}

void StatusReporter::reportNow()
{
    DeviceStatus status;
    status.version = QStringLiteral(CLINICO_VERSION);
    status.lastError = m_lastError;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, status] { worker->report(status); }, Qt::QueuedConnection);
}

void StatusReporter::fetchSettings()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->fetchSettings(); }, Qt::QueuedConnection);
}

void StatusReporter::fetchLogo(const QString &url)
{
    if (!m_thread.isRunning())
        m_thread.start();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, url] { worker->fetchLogo(url); }, Qt::QueuedConnection);
}

} // namespace clinico::tv

#include "statusreporter.moc"
