// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/issueload.h"

#include "support/testclients.h"

#include "net/httpclient.h"
#include "protocol/messages.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QMutex>
#include <QUuid>

#include <thread>
#include <vector>

namespace clinico::test {

namespace {
constexpr int kFailuresKept = 5;
}

int IssueLoadResult::serverErrors() const
{
    int n = 0;
    for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it) {
        if (it.key() >= 500 || it.key() == 0)
            n += it.value();
    }
    return n;
}

IssueLoad::IssueLoad(QUrl server, QString totemToken, QList<qint64> serviceIds, int clients)
    : m_server(std::move(server))
    , m_token(std::move(totemToken))
    , m_serviceIds(std::move(serviceIds))
    , m_clients(clients)
{ }

IssueLoadResult IssueLoad::run(int count)
{
    IssueLoadResult result;
    QMutex mutex;
    std::atomic<int> left { count };
    const QString url = m_server.toString() + QStringLiteral("/api/v1/tickets");
    QElapsedTimer elapsed;
    elapsed.start();
    std::vector<std::thread> threads;
    for (int c = 0; c < m_clients; ++c) {
        threads.emplace_back([&] {
            CurlHttpClient http(HttpOptions {
                std::chrono::milliseconds(2000), std::chrono::milliseconds(30000), m_token, {}, {} });
            while (left.fetch_sub(1) > 0) {
                const int patient = m_nextPatient++;
                protocol::IssueTicketRequest r { validCpf(700000 + patient),
                    m_serviceIds[patient % m_serviceIds.size()], PriorityClass::Normal,
                    QUuid::createUuid().toString(QUuid::Id128), {}, {}, {}, {} };
                const QByteArray body = QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact);
                auto reply = http.send({ "POST", url, body, "application/json", {} });
                for (int retry = 0; retry < retriesPerTicket && (!reply || reply->status >= 500); ++retry) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                    reply = http.send({ "POST", url, body, "application/json", {} });
                }
                const int status = reply ? reply->status : 0;
                QMutexLocker lock(&mutex);
                ++result.byStatus[status];
                if (status == 200 || status == 201)
                    result.acknowledged.insert(r.idempotencyKey,
                        reply->json()
                            .value(QStringLiteral("ticket"))
                            .toObject()
                            .value(QStringLiteral("id"))
                            .toInteger());
                if (status == 201)
                    ++result.created;
                else if (result.firstFailures.size() < kFailuresKept)
                    result.firstFailures
                        << (reply ? QString::number(status) + u' ' + QString::fromUtf8(reply->body)
                                  : reply.error().message);
            }
        });
    }
    for (auto &t : threads)
        t.join();
    result.seconds = elapsed.elapsed() / 1000.0;
    return result;
}

} // namespace clinico::test
