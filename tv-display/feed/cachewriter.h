// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feed/callstore.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace clinico::tv {

class TvCache;

// The TV's cache on a thread of its own: writes are queued in order and return at once
// (failures are logged), so an SD card busy checkpointing never freezes the screen.
// load() and flush() wait for the thread.
class CacheWriter final : public CallStore
{
public:
    CacheWriter();
    ~CacheWriter() override; // writes everything still queued, then closes

    Status open(const QString &path);
    void flush();

    Result<State> load() override;
    Status recordCall(const protocol::CallAnnouncement &call, qint64 seq, int keep) override;
    Status recordSeq(qint64 seq) override;
    Status replaceCalls(const QList<protocol::CallAnnouncement> &calls, qint64 seq) override;
    Status saveSettings(const protocol::DisplaySettings &settings) override;
    Status saveLogo(const QString &url, const QByteArray &image) override;

private:
    void post(std::function<Status(TvCache &)> job);
    void runBlocking(const std::function<void()> &job);

    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread
    std::unique_ptr<TvCache> m_cache; // made, used and closed on m_thread
};

} // namespace clinico::tv
