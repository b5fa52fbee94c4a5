// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/testclients.h"

#include "cpf/cpf.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QUuid>
#include <QWebSocket>

namespace clinico::test {

bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::usleep(500);
    }
    return true;
}

Subscription subscribeOnce(const QNetworkRequest &request, const QString &origin)
{
    QWebSocket socket(origin);
    Subscription s;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, [&](const QString &m) {
        if (s.hello.isEmpty())
            s.hello = m;
    });
    QObject::connect(&socket, &QWebSocket::disconnected, [&] { s.closeCode = socket.closeCode(); });
    socket.open(request);
    spinUntil([&] { return !s.hello.isEmpty() || s.closeCode != 0; }, 5000);
    return s;
}

RawReply sendRaw(const QUrl &server, const QByteArray &method, const QString &path,
    const QList<QPair<QByteArray, QByteArray>> &headers, const QJsonObject &body)
{
    QNetworkRequest request(server.resolved(QUrl(path)));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QByteArray data;
    if (!body.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        data = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    QNetworkAccessManager network; // a fresh one: no cookie jar carried between requests
    QNetworkReply *reply = network.sendCustomRequest(request, method, data);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    RawReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.json = QJsonDocument::fromJson(r.body).object();
    for (const auto &[name, value] : reply->rawHeaderPairs()) {
        QByteArray &slot = r.headers[name.toLower()];
        slot += (slot.isEmpty() ? QByteArray() : QByteArray("\n")) + value;
    }
    reply->deleteLater();
    return r;
}

StaffConsole StaffConsole::signIn(const QUrl &server, const QString &username, const QString &password)
{
    const RawReply r = sendRaw(server, "POST", QStringLiteral("/api/v1/session"), {},
        { { QStringLiteral("username"), username }, { QStringLiteral("password"), password } });
    if (r.status != 200)
        return { server, {}, {} };
    const QByteArray setCookie = r.headers.value("set-cookie");
    return { server, setCookie.left(setCookie.indexOf(';')),
        r.json.value(QStringLiteral("csrfToken")).toString().toLatin1() };
}

RawReply StaffConsole::send(const QByteArray &method, const QString &path, const QJsonObject &body) const
{
    return sendRaw(server, method, path, { { "Cookie", cookie }, { "X-CSRF-Token", csrf } }, body);
}

ApiClient::ApiClient(QUrl server, QString token)
    : m_server(std::move(server))
    , m_http(HttpOptions {
          std::chrono::milliseconds(2000), std::chrono::milliseconds(10000), std::move(token), {}, {} })
{ }

Result<HttpResponse> ApiClient::send(
    const QByteArray &method, const QString &path, const QByteArray &body, const QByteArray &contentType)
{
    HttpRequest r;
    r.method = method;
    r.url = m_server.toString() + path;
    r.body = body;
    r.contentType = contentType;
    return m_http.send(r);
}

Result<HttpResponse> ApiClient::get(const QString &path)
{
    return send("GET", path, {});
}

Result<HttpResponse> ApiClient::post(const QString &path, const QJsonObject &body)
{
    return send(
        "POST", path, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
}

protocol::IssueTicketResponse ApiClient::issue(
    const QString &cpf, qint64 serviceId, PriorityClass priority, const QString &key)
{
    protocol::IssueTicketRequest req;
    req.cpf = cpf;
    req.serviceId = serviceId;
    req.priority = priority;
    req.idempotencyKey = key.isEmpty() ? QUuid::createUuid().toString(QUuid::Id128) : key;
    auto r = post(QStringLiteral("/api/v1/tickets"), req.toJson());
    if (!r || !r->isSuccess())
        return {};
    return protocol::IssueTicketResponse::fromJson(r->json()).value();
}

EventRecorder::EventRecorder(QUrl server, QString token, qint64 since)
{
    EventStreamClient::Options o;
    o.serverUrl = std::move(server);
    o.token = std::move(token);
    o.initialBackoffMs = 50;
    o.maxBackoffMs = 500;
    m_client = std::make_unique<EventStreamClient>(o);
    QObject::connect(
        m_client.get(), &EventStreamClient::eventReceived, [this](const protocol::Event &e) { events << e; });
    QObject::connect(m_client.get(), &EventStreamClient::snapshotReceived,
        [this](const protocol::Snapshot &s) { snapshots << s; });
    QObject::connect(m_client.get(), &EventStreamClient::helloReceived, [this](const protocol::Hello &h) {
        m_hello = true;
        hellos << h;
    });
    m_client->start(since);
}

bool EventRecorder::waitForEvents(int count, int timeoutMs)
{
    return spinUntil([&] { return events.size() >= count; }, timeoutMs);
}

bool EventRecorder::waitConnected(int timeoutMs)
{
    return spinUntil([&] { return m_hello; }, timeoutMs);
}

QList<qint64> EventRecorder::seqs() const
{
    QList<qint64> out;
    for (const auto &e : events)
        out << e.seq;
    return out;
}

QString validCpf(int seed)
{
    const qint64 mixed = 100000000 + (qint64(seed) * 7919) % 899999999;
    const QString nine = QString::number(mixed);
    const int d1 = Cpf::checkDigit(nine);
    const QString ten = nine + QString::number(d1);
    const int d2 = Cpf::checkDigit(ten);
    return ten + QString::number(d2);
}

} // namespace clinico::test
