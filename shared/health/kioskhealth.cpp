// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/kioskhealth.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStorageInfo>

Q_LOGGING_CATEGORY(lcHealth, "clinico.kiosk.health")

namespace clinico {

namespace {
constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;
constexpr int kMaxKept = 1000; // a crash loop every 2 s for a day would still be a few KiB
} // namespace

KioskHealth::KioskHealth(QString dataDir)
    : m_dataDir(std::move(dataDir))
{
    m_uptime.start();
}

QList<qint64> KioskHealth::readStarts() const
{
    QList<qint64> starts;
    QFile f(QDir(m_dataDir).filePath(kStartsFile));
    if (!f.open(QIODevice::ReadOnly))
        return starts;
    while (!f.atEnd() && starts.size() < kMaxKept * 2) {
        bool ok = false;
        const qint64 at = f.readLine(32).trimmed().toLongLong(&ok);
        if (ok)
            starts << at;
    }
    return starts;
}

void KioskHealth::recordStart(qint64 nowMs)
{
    QList<qint64> starts = readStarts();
    starts.removeIf([nowMs](qint64 at) { return at <= nowMs - kDayMs || at > nowMs; });
    starts << nowMs;
    if (starts.size() > kMaxKept)
        starts = starts.mid(starts.size() - kMaxKept);
    QSaveFile f(QDir(m_dataDir).filePath(kStartsFile));
    if (f.open(QIODevice::WriteOnly)) {
        for (qint64 at : starts)
            f.write(QByteArray::number(at) + '\n');
        if (f.commit())
            return;
    }
    qCWarning(lcHealth) << "could not record this start in" << f.fileName() << ":" << f.errorString();
}

int KioskHealth::startsInLastDay(qint64 nowMs) const
{
    const QList<qint64> starts = readStarts();
    return int(std::count_if(
        starts.cbegin(), starts.cend(), [nowMs](qint64 at) { return at > nowMs - kDayMs && at <= nowMs; }));
}

void KioskHealth::fill(protocol::DeviceStatus &status, qint64 nowMs) const
{
    status.uptimeS = m_uptime.elapsed() / 1000;
    const QStorageInfo disk(m_dataDir);
    status.diskFreeBytes = disk.isValid() ? disk.bytesAvailable() : -1;
    // The first start of the day is not a restart.
    status.restarts24h = std::max(0, startsInLastDay(nowMs) - 1);
}

} // namespace clinico
