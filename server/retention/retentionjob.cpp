// SPDX-License-Identifier: GPL-3.0-or-later
#include "retention/retentionjob.h"

#include "storage/schema.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRetention, "clinico.server.retention")

namespace clinico::server {

RetentionJob::RetentionJob(QueueStore &store, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (auto r = runOnce(); !r)
            qCWarning(lcRetention) << "retention failed:" << r.error().message;
        m_store.database().releaseStatements();
        arm();
    });
}

void RetentionJob::start()
{
    arm();
}

void RetentionJob::arm()
{
    const BusinessDay nightly(kRunAt, m_store.calendar().timeZone().id());
    const qint64 wait = m_clock.now().msecsTo(nightly.nextResetAfter(m_clock.now()));
    m_timer.start(int(std::clamp<qint64>(wait, 1000, 24LL * 3600 * 1000)));
}

Result<RetentionOutcome> RetentionJob::runOnce()
{
    const int days = std::max(1,
        m_store.catalog().setting(SettingKey::RetentionDays, QString::number(kDefaultRetentionDays)).toInt());
    const QDate today = m_clock.now().toTimeZone(m_store.calendar().timeZone()).date();
    RetentionOutcome out;
    out.cutoffDay = today.addDays(-days).toString(Qt::ISODate);
    const Status done = m_store.work().run<Ok>([&]() -> Status {
        auto unlinked = m_store.tickets().unlinkPatientsBefore(out.cutoffDay);
        if (!unlinked)
            return unlinked.error();
        out.ticketsUnlinked = *unlinked;
        auto appointments = m_store.appointments().removeBefore(out.cutoffDay);
        if (!appointments)
            return appointments.error();
        out.appointmentsRemoved = *appointments;
        auto removed
            = m_store.patients().removeUnreferenced(m_clock.now().addDays(-days).toMSecsSinceEpoch());
        if (!removed)
            return removed.error();
        out.patientsRemoved = *removed;
        if (Status s = m_store.audit().append(Actor { 0, QStringLiteral("system:retention") },
                QStringLiteral("retention"), 0,
                QStringLiteral("antes de %1: %2 senhas desvinculadas, %3 consultas removidas, %4 CPFs removidos")
                    .arg(out.cutoffDay)
                    .arg(out.ticketsUnlinked)
                    .arg(out.appointmentsRemoved)
                    .arg(out.patientsRemoved));
            !s)
            return s;
        return m_store.catalog().setSetting(SettingKey::RetentionLastRun, today.toString(Qt::ISODate));
    });
    if (!done)
        return makeError(
            QStringLiteral("storage_error"), QStringLiteral("Falha ao aplicar a retenção."), 500);
    qCInfo(lcRetention) << "retention" << days << "days: unlinked" << out.ticketsUnlinked
                        << "tickets, removed" << out.patientsRemoved << "patients";
    return out;
}

} // namespace clinico::server
