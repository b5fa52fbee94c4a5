// SPDX-License-Identifier: GPL-3.0-or-later
#include "feed/cachewriter.h"

#include "feed/tvcache.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCacheWriter, "clinico.tv.cache")

namespace clinico::tv {

using namespace clinico::protocol;

CacheWriter::CacheWriter()
    : m_context(new QObject)
{
    m_thread.setObjectName(QStringLiteral("tv-cache"));
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

CacheWriter::~CacheWriter()
{
    runBlocking([this] { m_cache.reset(); }); // after every queued write: the queue is FIFO
    m_thread.quit();
    m_thread.wait();
    delete m_context;
}

void CacheWriter::runBlocking(const std::function<void()> &job)
{
    QMetaObject::invokeMethod(m_context, job, Qt::BlockingQueuedConnection);
}

Status CacheWriter::open(const QString &path)
{
    Status result = Ok {};
    runBlocking([&] {
        m_cache = std::make_unique<TvCache>();
        result = m_cache->open(path);
        if (!result)
            m_cache.reset();
    });
    return result;
}

void CacheWriter::flush()
{
    runBlocking([] {});
}

Result<CallStore::State> CacheWriter::load()
{
    Result<State> result
        = makeError(QStringLiteral("cache_closed"), QStringLiteral("O cache da TV não está aberto."));
    runBlocking([&] {
        if (m_cache)
            result = m_cache->load();
    });
    return result;
}

void CacheWriter::post(std::function<Status(TvCache &)> job)
{
    QMetaObject::invokeMethod(
        m_context,
        [this, job = std::move(job)] {
            if (!m_cache)
                return;
            if (Status s = job(*m_cache); !s)
                qCWarning(lcCacheWriter) << s.error().message;
        },
        Qt::QueuedConnection);
}

Status CacheWriter::recordCall(const CallAnnouncement &call, qint64 seq, int keep)
{
    post([call, seq, keep](TvCache &c) { return c.recordCall(call, seq, keep); });
    return Ok {};
}

Status CacheWriter::recordSeq(qint64 seq)
{
    post([seq](TvCache &c) { return c.recordSeq(seq); });
    return Ok {};
}

Status CacheWriter::replaceCalls(const QList<CallAnnouncement> &calls, qint64 seq)
{
    post([calls, seq](TvCache &c) { return c.replaceCalls(calls, seq); });
    return Ok {};
}

Status CacheWriter::saveSettings(const DisplaySettings &settings)
{
    post([settings](TvCache &c) { return c.saveSettings(settings); });
    return Ok {};
}

Status CacheWriter::saveLogo(const QString &url, const QByteArray &image)
{
    post([url, image](TvCache &c) { return c.saveLogo(url, image); });
    return Ok {};
}

} // namespace clinico::tv
