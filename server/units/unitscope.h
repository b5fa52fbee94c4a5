// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"
#include "ticket/businessday.h"

#include <utility>

namespace clinico::server {

// The unit (clinic) the work under way is about: a request, a subscriber's catch-up, a timer
// tick for one unit. The stores read and write only its rows and number, date and reset by
// its calendar. It comes from who is asking (HttpApi: a device's unit, a user's unit, the
// unit a network administrator picked), never from a field of the request.
//
// One thread runs every request, so one scope serves them all; entering returns a guard that
// puts the previous unit back, so a timer that walks the units leaves nothing behind.
class UnitScope
{
public:
    // The unit a server has before any other is created: what a single clinic runs in.
    static constexpr qint64 kFirstUnit = 1;

    // `network`: the reset time and the configured time zone, for units without their own.
    explicit UnitScope(BusinessDay network)
        : m_network(network)
        , m_calendar(std::move(network))
    { }

    qint64 id() const { return m_id; }
    // The current unit's business day: the network's reset time in the unit's time zone.
    const BusinessDay &calendar() const { return m_calendar; }

    class [[nodiscard]] Entered
    {
    public:
        Entered(Entered &&other) noexcept
            : m_scope(std::exchange(other.m_scope, nullptr))
            , m_id(other.m_id)
            , m_timeZone(other.m_timeZone)
        { }
        Entered(const Entered &) = delete;
        Entered &operator=(const Entered &) = delete;
        Entered &operator=(Entered &&) = delete;
        ~Entered()
        {
            if (m_scope)
                m_scope->set(m_id, m_timeZone);
        }

    private:
        friend class UnitScope;
        Entered(UnitScope *scope, qint64 id, QString timeZone)
            : m_scope(scope)
            , m_id(id)
            , m_timeZone(std::move(timeZone))
        { }
        UnitScope *m_scope;
        qint64 m_id;
        QString m_timeZone;
    };
    Entered enter(const protocol::Unit &unit);

    const BusinessDay &network() const { return m_network; }
    // An admin moved the reset time: every unit's calendar follows.
    void setResetTime(QTime resetAt);

private:
    void set(qint64 id, const QString &timeZone);

    BusinessDay m_network;
    qint64 m_id = kFirstUnit;
    QString m_timeZone; // the current unit's own, empty: the network's
    BusinessDay m_calendar;
};

} // namespace clinico::server
