// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "protocol/messages.h"

#include <QList>

#include <optional>

namespace clinico::tv {

// Where the call model keeps what a reboot must not forget: the recent call-outs, the last
// event sequence it applied and the display settings. TvCache writes at once (tests, tools);
// CacheWriter writes on its own thread, so a slow disk never delays a call-out on screen.
class CallStore
{
public:
    struct State
    {
        qint64 lastSeq = -1; // -1: never synced
        std::optional<protocol::DisplaySettings> settings;
        QList<protocol::CallAnnouncement> calls; // newest first
        QString logoUrl; // where `logo` was fetched from
        QByteArray logo; // the clinic's logo image, as fetched
    };

    virtual ~CallStore() = default;
    virtual Result<State> load() = 0;
    // The call and the sequence it came with, together: a reboot never replays a call the
    // cache already holds nor skips one it does not.
    virtual Status recordCall(const protocol::CallAnnouncement &call, qint64 seq, int keep) = 0;
    virtual Status recordSeq(qint64 seq) = 0;
    virtual Status replaceCalls(const QList<protocol::CallAnnouncement> &calls, qint64 seq) = 0;
    virtual Status saveSettings(const protocol::DisplaySettings &settings) = 0;
    virtual Status saveLogo(const QString &url, const QByteArray &image) = 0;
};

} // namespace clinico::tv
