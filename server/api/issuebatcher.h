// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/queuestore.h"

#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QObject>
#include <QTimer>

#include <functional>
#include <vector>

namespace clinico::server {

// Group commit for POST /api/v1/tickets: requests that arrive in the same turn of the event
// loop are issued in one transaction (one fsync), then each gets its own reply. A reply is
// only written after the commit, so "201 Created" still means "on disk".
class IssueBatcher : public QObject
{
    Q_OBJECT
public:
    using Writer = std::function<void(QHttpServerResponse &&, QHttpServerResponder &&)>;
    static constexpr int kMaxBatch = 64;

    IssueBatcher(QueueStore &store, Writer writer, QObject *parent = nullptr);
    void enqueue(IssueStore::IssueCommand command, QHttpServerResponder &&responder);

private:
    void flush();

    struct Pending
    {
        IssueStore::IssueCommand command;
        QHttpServerResponder responder;
    };
    QueueStore &m_store;
    Writer m_writer;
    std::vector<Pending> m_pending;
    QTimer m_timer;
};

} // namespace clinico::server
