// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"
#include "storage/sqlitedatabase.h"

#include <QList>

namespace clinico::tv {

// What the TV remembers across reboots, so it shows its last state at once with no network:
// the recent calls, the last event sequence it applied and the display settings.
class TvCache
{
public:
    struct State
    {
        qint64 lastSeq = -1; // -1: never synced
        std::optional<protocol::DisplaySettings> settings;
        QList<protocol::CallAnnouncement> calls; // newest first
    };

    Status open(const QString &path);
    Result<State> load();

    // One transaction: the call (if any) and the sequence it came with, so a reboot never
    // replays a call the cache already holds nor skips one it does not.
    Status recordCall(const protocol::CallAnnouncement &call, qint64 seq, int keep);
    Status recordSeq(qint64 seq);
    Status replaceCalls(const QList<protocol::CallAnnouncement> &calls, qint64 seq);
    Status saveSettings(const protocol::DisplaySettings &settings);

private:
    Status setMeta(const QString &key, const QString &value);

    SqliteDatabase m_db;
};

} // namespace clinico::tv
