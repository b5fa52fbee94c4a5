// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/eventstreamclient.h"
#include "net/httpclient.h"
#include "protocol/messages.h"

#include <QHash>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QUrl>

#include <functional>
#include <memory>

namespace clinico::test {

// Runs Qt's event loop until `done` is true or the time runs out. Returns done().
bool spinUntil(const std::function<bool()> &done, int timeoutMs);

// Opens the event stream once and waits: the first frame (the hello), or the close code.
struct Subscription
{
    QString hello;
    int closeCode = 0;
};
Subscription subscribeOnce(const QNetworkRequest &request, const QString &origin = {});

// One request as a browser without a cookie jar would send it; redirects are not followed.
struct RawReply
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names; repeated ones (Set-Cookie) one a line
};
RawReply sendRaw(const QUrl &server, const QByteArray &method, const QString &path,
    const QList<QPair<QByteArray, QByteArray>> &headers = {}, const QJsonObject &body = {});

// A person signed in to the console with a password: their session cookie and CSRF token.
struct StaffConsole
{
    QUrl server;
    QByteArray cookie, csrf;
    // Empty cookie when the sign-in failed.
    static StaffConsole signIn(const QUrl &server, const QString &username, const QString &password);
    RawReply send(const QByteArray &method, const QString &path, const QJsonObject &body = {}) const;
    // The same session through another server instance of the network.
    StaffConsole on(const QUrl &instance) const { return { instance, cookie, csrf }; }
};

// A device talking to the server over real HTTP (libcurl).
class ApiClient
{
public:
    ApiClient(QUrl server, QString token);
    Result<HttpResponse> get(const QString &path);
    Result<HttpResponse> post(const QString &path, const QJsonObject &body = {});
    Result<HttpResponse> send(const QByteArray &method, const QString &path, const QByteArray &body,
        const QByteArray &contentType = "application/json");
    // Issues a ticket; fails the test (returns empty) if it did not work.
    protocol::IssueTicketResponse issue(const QString &cpf, qint64 serviceId,
        PriorityClass priority = PriorityClass::Normal, const QString &key = {});

private:
    QUrl m_server;
    CurlHttpClient m_http;
};

// Subscribes to the event stream and records everything, in order.
class EventRecorder
{
public:
    EventRecorder(QUrl server, QString token, qint64 since = -1);
    QList<protocol::Event> events;
    QList<protocol::Snapshot> snapshots;
    QList<protocol::Hello> hellos;
    bool waitForEvents(int count, int timeoutMs = 5000);
    bool waitConnected(int timeoutMs = 5000);
    EventStreamClient &client() { return *m_client; }
    QList<qint64> seqs() const;

private:
    std::unique_ptr<EventStreamClient> m_client;
    bool m_hello = false;
};

// Valid CPFs for tests, generated from a seed (check digits computed).
QString validCpf(int seed);

} // namespace clinico::test
