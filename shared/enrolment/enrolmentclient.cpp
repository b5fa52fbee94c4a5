// SPDX-License-Identifier: GPL-3.0-or-later
#include "enrolment/enrolmentclient.h"

#include "enrolment/storedtoken.h"

#include <QHostInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSysInfo>

#include <qrencode.h>

#include <memory>

Q_LOGGING_CATEGORY(lcEnrol, "clinico.kiosk.enrolment")

namespace clinico {

using namespace clinico::protocol;

namespace {
constexpr std::chrono::milliseconds kTimeout { 5000 };

QString errorText(const Result<HttpResponse> &reply)
{
    return reply ? reply->error().message : reply.error().message;
}
} // namespace

EnrolmentClient::EnrolmentClient(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_lane(QStringLiteral("enrolment"), m_options.http)
{
    m_timer.setSingleShot(true);
}

EnrolmentClient::~EnrolmentClient() = default;

QString EnrolmentClient::hostname() const
{
    return QHostInfo::localHostName();
}

QString EnrolmentClient::url(const QString &path) const
{
    QUrl u = m_options.server;
    u.setPath(path);
    return u.toString();
}

void EnrolmentClient::start()
{
    if (m_options.preapprovedCode.isEmpty())
        requestCode();
    else
        redeem();
}

EnrolmentRequest EnrolmentClient::describe() const
{
    return EnrolmentRequest { m_options.role, hostname().left(64), QSysInfo::prettyProductName().left(80),
        m_options.version };
}

void EnrolmentClient::redeem()
{
    HttpRequest r;
    r.method = "POST";
    r.url = url(QStringLiteral("/api/v1/enrolments/redeem"));
    r.body = QJsonDocument(EnrolmentRedemption { m_options.preapprovedCode, describe() }.toJson())
                 .toJson(QJsonDocument::Compact);
    m_lane.send(r, kTimeout, this, [this](Result<HttpResponse> reply) {
        if (!reply || reply->status == 429 || reply->status >= 500)
            return retryLater(errorText(reply), &EnrolmentClient::redeem);
        auto state = reply->isSuccess() ? EnrolmentState::fromJson(reply->json())
                                        : Result<EnrolmentState>(reply->error());
        if (state && state->state == EnrolmentStateName::Approved)
            return finish(*state);
        // The code was spent, expired or for another kind of device: a person has to help.
        qCWarning(lcEnrol) << "the code from clinico-enrol.conf was refused:"
                           << (state ? state->state : state.error().message) << "- showing a code instead";
        m_options.preapprovedCode.clear();
        requestCode();
    });
}

void EnrolmentClient::setStatus(const QString &status, const QString &detail)
{
    m_status = status;
    m_detail = detail;
    Q_EMIT changed();
}

void EnrolmentClient::retryLater(const QString &why, void (EnrolmentClient::*again)())
{
    qCInfo(lcEnrol) << "enrolment: server not reached:" << why;
    setStatus(Unreachable, why);
    m_timer.callOnTimeout(this, again, Qt::SingleShotConnection);
    m_timer.start(m_options.retryMs);
}

void EnrolmentClient::requestCode()
{
    const EnrolmentRequest request = describe();
    HttpRequest r;
    r.method = "POST";
    r.url = url(QStringLiteral("/api/v1/enrolments"));
    r.body = QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact);
    m_lane.send(r, kTimeout, this, [this](Result<HttpResponse> reply) {
        if (!reply || !reply->isSuccess())
            return retryLater(errorText(reply), &EnrolmentClient::requestCode);
        auto ticket = EnrolmentTicket::fromJson(reply->json());
        if (!ticket)
            return retryLater(ticket.error().message, &EnrolmentClient::requestCode);
        m_ticket = *ticket;
        encodeQr();
        qCInfo(lcEnrol) << "enrolment: showing code" << m_ticket.code;
        setStatus(Waiting);
        m_timer.callOnTimeout(this, &EnrolmentClient::poll, Qt::SingleShotConnection);
        m_timer.start(m_ticket.pollEveryMs);
    });
}

void EnrolmentClient::poll()
{
    HttpRequest r;
    r.url = url(QStringLiteral("/api/v1/enrolments/") + m_ticket.handle);
    m_lane.send(r, kTimeout, this, [this](Result<HttpResponse> reply) {
        auto state = reply && reply->isSuccess()
            ? EnrolmentState::fromJson(reply->json())
            : Result<EnrolmentState>(reply ? reply->error() : reply.error());
        if (!state) {
            // 404: the server forgot this enrolment (its database was replaced): start over.
            if (reply && reply->status == 404)
                return requestCode();
            setStatus(Unreachable, state.error().message);
            m_timer.callOnTimeout(this, &EnrolmentClient::poll, Qt::SingleShotConnection);
            m_timer.start(m_options.retryMs);
            return;
        }
        if (state->state == EnrolmentStateName::Approved)
            return finish(*state);
        if (state->state == EnrolmentStateName::Expired)
            return requestCode();
        if (state->state == EnrolmentStateName::Refused) {
            setStatus(Refused);
            m_timer.callOnTimeout(this, &EnrolmentClient::requestCode, Qt::SingleShotConnection);
            m_timer.start(m_options.refusedPauseMs);
            return;
        }
        if (m_status != Waiting)
            setStatus(Waiting);
        m_timer.callOnTimeout(this, &EnrolmentClient::poll, Qt::SingleShotConnection);
        m_timer.start(m_ticket.pollEveryMs);
    });
}

void EnrolmentClient::finish(const EnrolmentState &state)
{
    if (Status saved = StoredToken::write(m_options.dataDir, state.token, m_options.server); !saved)
        qCWarning(lcEnrol) << saved.error().message << "- the kiosk works until it restarts";
    qCInfo(lcEnrol) << "enrolled as" << state.deviceName;
    m_token = state.token;
    setStatus(Enrolled, state.deviceName);
    Q_EMIT enrolled(m_token);
}

// The QR holds the console's link with the code in it: IT can scan it with a phone that is
// logged in to the console instead of typing the code.
void EnrolmentClient::encodeQr()
{
    QUrl link = m_options.server;
    link.setPath(QStringLiteral("/desk/"));
    link.setFragment(QStringLiteral("/admin?enrol=") + m_ticket.code);
    const QByteArray text = link.toString(QUrl::FullyEncoded).toUtf8();
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
        QRcode_encodeString(text.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    m_qrModules.clear();
    m_qrSize = qr ? qr->width : 0;
    for (int i = 0; i < m_qrSize * m_qrSize; ++i)
        m_qrModules << bool(qr->data[i] & 1);
}

} // namespace clinico
