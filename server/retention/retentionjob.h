// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "storage/queuestore.h"

#include <QObject>
#include <QTimer>

namespace clinico::server {

struct RetentionOutcome
{
    QString cutoffDay; // tickets of days before this one lost their patient link
    int ticketsUnlinked = 0;
    int appointmentsRemoved = 0; // of days before the cutoff
    int patientsRemoved = 0; // CPF-only records no ticket points at any more
};

// LGPD: a ticket keeps who it was for only as long as the clinic's retention setting says.
// Every night (03:00 clinic time) tickets older than that lose their patient link, and
// patient records that came only from the totem (a CPF, no registry name or birth date) and
// that no ticket uses any more are deleted. Counts, times and codes stay for the reports.
class RetentionJob : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultRetentionDays = 90;
    static inline const QTime kRunAt = QTime(3, 0);

    RetentionJob(QueueStore &store, const Clock &clock, QObject *parent = nullptr);

    Result<RetentionOutcome> runOnce();
    void start();

private:
    void arm();

    QueueStore &m_store;
    const Clock &m_clock;
    QTimer m_timer;
};

} // namespace clinico::server
