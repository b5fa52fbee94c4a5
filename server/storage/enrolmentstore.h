// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "protocol/messages.h"
#include "storage/queuestore.h"

namespace clinico::server {

// Enrolment by code: a kiosk with no token opens an enrolment and shows its code; an admin
// approves the code, which creates the device at once (listed, revocable) in the admin's unit,
// with a token
// nobody knows; the kiosk's next poll with its handle replaces that token with a fresh one
// and takes it, once. So no usable token is ever stored, not even for the minutes between
// the approval and the poll.
class EnrolmentStore
{
public:
    static constexpr qint64 kLifetimeMs = 15 * 60 * 1000;
    // A code made in advance travels with a kiosk image or a USB stick: a week to install it.
    static constexpr qint64 kPreapprovedLifetimeMs = 7 * 24 * 60 * 60 * 1000;
    // A flood of requests from many addresses must not fill the disk or the admin's list.
    static constexpr int kMaxPending = 200;

    EnrolmentStore(QueueStore &store, const Clock &clock)
        : m_store(store)
        , m_clock(clock)
    { }

    Result<protocol::EnrolmentTicket> open(const protocol::EnrolmentRequest &request, const QString &address);
    // The kiosk asks: pending, refused, expired, or approved with its token (handed once).
    Result<protocol::EnrolmentState> poll(const QString &handle);
    // The device created for the code, and the enrolment it came from.
    struct Approved
    {
        protocol::PendingEnrolment enrolment;
        DeviceRecord device;
    };
    Result<Approved> approve(const QString &code, const QString &name);
    Result<protocol::PendingEnrolment> refuse(qint64 id);
    // The answer to refusing request `id` that is not waiting (or not the caller's to see).
    static Error notWaiting(qint64 id);
    // A one-time code for a device named now and installed later (clinico-enrol.conf).
    Result<protocol::Preapproval> preapprove(const QString &name, const QString &role);
    // The kiosk brings that code: its device is created and its token handed over, once.
    Result<Approved> redeem(
        const protocol::EnrolmentRedemption &redemption, const QString &address, QString *token);
    // The kiosks' requests waiting for someone to type their code: no unit's yet.
    QList<protocol::PendingEnrolment> pending();

private:
    std::optional<protocol::PendingEnrolment> byId(qint64 id);
    // A code no live enrolment or preapproval uses, normalised.
    Result<QString> freshCode(qint64 now);

    QueueStore &m_store;
    const Clock &m_clock;
};

} // namespace clinico::server
