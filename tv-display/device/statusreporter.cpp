// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/statusreporter.h"

#include "core/clock.h"
#include "health/kioskhealth.h"
#include "net/httpclient.h"

#include <QImage>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStatus, "clinico.tv.status")

namespace clinico::tv {

using namespace clinico::protocol;

namespace {
constexpr qsizetype kMaxLogoBytes = 2 * 1024 * 1024;
constexpr std::chrono::milliseconds kTimeout { 5000 };
constexpr std::chrono::milliseconds kLogoTimeout { 10000 };

HttpOptions options(const QString &token, qsizetype maxResponseBytes)
{
    HttpOptions o;
    o.maxResponseBytes = maxResponseBytes;
    o.connectTimeout = std::chrono::milliseconds(2000);
    o.bearerToken = token;
    return o;
}
} // namespace

StatusReporter::StatusReporter(QUrl server, QString token, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_lane(QStringLiteral("tv-status"), options(token, kMaxLogoBytes))
    , m_anonymous(QStringLiteral("tv-logo"), options({}, kMaxLogoBytes))
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StatusReporter::reportNow);
}

StatusReporter::~StatusReporter() = default;

QString StatusReporter::url(const QString &path) const
{
    QUrl u = m_server;
    u.setPath(path);
    return u.toString();
}

void StatusReporter::start()
{
    m_timer.start();
}

void StatusReporter::reportNow()
{
    DeviceStatus status;
    status.version = QStringLiteral(CLINICO_VERSION);
    status.lastError = m_lastError;
    status.audioState = m_audioState;
    status.audioMessage = m_audioMessage;
    if (m_health && m_clock)
        m_health->fill(status, m_clock->nowMs());
    HttpRequest r;
    r.method = "POST";
    r.url = url(QStringLiteral("/api/v1/devices/me/status"));
    r.body = QJsonDocument(status.toJson()).toJson(QJsonDocument::Compact);
    m_lane.send(r, kTimeout, this, [this](Result<HttpResponse> reply) {
        const bool ok = reply && reply->isSuccess();
        const QString message = ok ? QString() : reply ? reply->error().message : reply.error().message;
        if (ok)
            ++m_sent;
        else
            qCInfo(lcStatus) << "status not reported:" << message;
        if (reply && reply->status == 401)
            Q_EMIT tokenRefused();
        Q_EMIT reported(ok, message);
    });
}

void StatusReporter::fetchSettings()
{
    HttpRequest r;
    r.url = url(QStringLiteral("/api/v1/settings/display"));
    m_lane.send(r, kTimeout, this, [this](Result<HttpResponse> reply) {
        if (!reply || !reply->isSuccess())
            return;
        if (auto settings = DisplaySettings::fromJson(reply->json(), DisplaySettings::From::Server))
            Q_EMIT settingsFetched(*settings);
    });
}

void StatusReporter::fetchLogo(const QString &logoUrl)
{
    const QUrl target = m_server.resolved(QUrl(logoUrl));
    const bool ownServer = target.scheme() == m_server.scheme() && target.host() == m_server.host()
        && target.port(-1) == m_server.port(-1);
    HttpRequest r;
    r.url = target.toString();
    (ownServer ? m_lane : m_anonymous)
        .send(r, kLogoTimeout, this, [this, logoUrl, target](Result<HttpResponse> reply) {
            if (!reply || !reply->isSuccess()) { // a logo over 2 MiB fails here: response_too_large
                qCInfo(lcStatus) << "logo not fetched from" << target.toString() << ":"
                                 << (reply ? reply->error().message : reply.error().message);
                return;
            }
            if (QImage::fromData(reply->body).isNull()) {
                qCWarning(lcStatus) << "the logo at" << target.toString() << "is not an image";
                return;
            }
            Q_EMIT logoFetched(logoUrl, reply->body);
        });
}

} // namespace clinico::tv
