// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"

#include <QElapsedTimer>
#include <QString>

namespace clinico {

// What a totem or a TV adds to its status report so clinic IT can tell from a distance
// that it is well (docs/protocol.md, "Device status"): how long the app has been up, the
// free space where it keeps its data, and how often it started in the last 24 hours. A
// crash loop restarted by systemd leaves no other trace on the server, so every start is
// written down in a small file in the data directory (one time a line, a day's worth kept).
class KioskHealth
{
public:
    static inline const QString kStartsFile = QStringLiteral("starts.log");

    explicit KioskHealth(QString dataDir);
    // Writes this start down (call once, when the app starts). A full or read-only disk only
    // costs the count: the app starts anyway.
    void recordStart(qint64 nowMs);
    void fill(protocol::DeviceStatus &status, qint64 nowMs) const;
    // Starts in the 24 hours before `nowMs`, this one included.
    int startsInLastDay(qint64 nowMs) const;

private:
    QList<qint64> readStarts() const;

    QString m_dataDir;
    QElapsedTimer m_uptime;
};

} // namespace clinico
