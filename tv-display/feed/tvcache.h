// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feed/callstore.h"
#include "storage/sqlitedatabase.h"

namespace clinico::tv {

// The TV's SQLite cache, written synchronously on the calling thread.
class TvCache final : public CallStore
{
public:
    Status open(const QString &path);
    Result<State> load() override;
    Status recordCall(const protocol::CallAnnouncement &call, qint64 seq, int keep) override;
    Status recordSeq(qint64 seq) override;
    Status replaceCalls(const QList<protocol::CallAnnouncement> &calls, qint64 seq) override;
    Status saveSettings(const protocol::DisplaySettings &settings) override;
    Status saveLogo(const QString &url, const QByteArray &image) override;

private:
    Status setMeta(const QString &key, const QString &value);

    SqliteDatabase m_db;
};

} // namespace clinico::tv
