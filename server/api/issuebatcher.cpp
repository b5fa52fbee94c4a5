// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/issuebatcher.h"

#include "api/httpapi.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace clinico::server {

IssueBatcher::IssueBatcher(QueueStore &store, Writer writer, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_writer(std::move(writer))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &IssueBatcher::flush);
}

void IssueBatcher::enqueue(IssueStore::IssueCommand command, QHttpServerResponder &&responder)
{
    m_pending.push_back(Pending { std::move(command), std::move(responder) });
    if (m_pending.size() >= kMaxBatch)
        flush();
    else if (!m_timer.isActive())
        m_timer.start();
}

void IssueBatcher::flush()
{
    m_timer.stop();
    std::vector<Pending> batch = std::exchange(m_pending, {});
    if (batch.empty())
        return;
    QList<IssueStore::IssueCommand> commands;
    commands.reserve(qsizetype(batch.size()));
    for (const Pending &p : batch)
        commands << p.command;
    const QList<Result<IssueOutcome>> results = m_store.issuing().issueBatch(commands);
    for (size_t i = 0; i < batch.size(); ++i) {
        const Result<IssueOutcome> &outcome = results[qsizetype(i)];
        const IssueStore::IssueCommand &c = batch[i].command;
        if (!outcome) {
            qCWarning(lcHttp) << "ticket refused for" << c.cpf.masked() << outcome.error().code;
            m_writer(HttpApi::errorResponse(outcome.error()), std::move(batch[i].responder));
            continue;
        }
        qCInfo(lcHttp) << "ticket" << outcome->response.ticket.code
                       << (outcome->created ? "issued" : "returned again") << "for" << c.cpf.masked() << "by"
                       << c.device.name;
        m_writer(QHttpServerResponse(outcome->response.toJson(),
                     outcome->created ? QHttpServerResponder::StatusCode::Created
                                      : QHttpServerResponder::StatusCode::Ok),
            std::move(batch[i].responder));
    }
}

} // namespace clinico::server
