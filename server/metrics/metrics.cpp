// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/metrics.h"

#include <functional>

namespace clinico::server {

namespace {

// A label value in the exposition format: backslash, quote and line feed escaped. Device
// and unit names are typed by people.
QByteArray labelValue(const QString &s)
{
    QByteArray out = s.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

// The label every per-clinic series opens with.
QByteArray unitLabel(qint64 unitId)
{
    return "{unit=\"" + QByteArray::number(unitId) + '"';
}

// A kiosk's series opens with these labels (the closing brace is the caller's).
QByteArray kioskLabels(const KioskMetrics &k)
{
    return unitLabel(k.unitId) + ",device=\"" + labelValue(k.device.name) + "\",role=\""
        + labelValue(k.device.role) + '"';
}

} // namespace

QByteArray renderPrometheus(const MetricsSnapshot &m)
{
    QByteArray out;
    auto metric = [&out](const char *name, const char *type, const char *help) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    };
    // The figures of every clinic of the network, each labelled with its unit's id (names change;
    // clinico_unit_info gives them).
    metric("clinico_unit_info", "gauge", "Always 1; the unit's name as a label.");
    for (const UnitMetrics &u : m.units)
        out += "clinico_unit_info" + unitLabel(u.unit.id) + ",name=\"" + labelValue(u.unit.name) + "\"} 1\n";
    metric("clinico_tickets_issued_total", "counter",
        "Tickets issued since the database was created, per unit.");
    for (const UnitMetrics &u : m.units)
        out += "clinico_tickets_issued_total" + unitLabel(u.unit.id) + "} "
            + QByteArray::number(u.ticketsIssued) + '\n';
    metric("clinico_tickets_waiting", "gauge", "Tickets waiting today, per unit and service prefix.");
    for (const UnitMetrics &u : m.units) {
        for (auto it = u.waitingPerService.cbegin(); it != u.waitingPerService.cend(); ++it)
            out += "clinico_tickets_waiting" + unitLabel(u.unit.id) + ",service=\"" + labelValue(it.key())
                + "\"} " + QByteArray::number(it.value()) + '\n';
    }
    metric("clinico_event_clients", "gauge", "Connected event stream subscribers.");
    out += "clinico_event_clients " + QByteArray::number(m.eventClients) + '\n';
    metric("clinico_last_event_seq", "gauge", "Sequence number of the newest event.");
    out += "clinico_last_event_seq " + QByteArray::number(m.lastEventSeq) + '\n';
    metric("clinico_http_requests_total", "counter", "HTTP requests answered since start, by status class.");
    for (int c = 2; c <= 5; ++c)
        out += "clinico_http_requests_total{status=\"" + QByteArray::number(c) + "xx\"} "
            + QByteArray::number(m.requestsByClass[c]) + '\n';
    metric("clinico_storage_wal_bytes", "gauge",
        "Size of the database's write-ahead log; stays near 4 MiB under load, 0 when idle.");
    out += "clinico_storage_wal_bytes " + QByteArray::number(m.walBytes) + '\n';

    // One series per kiosk, labelled with its unit and as clinic IT names it; the same figures as
    // the admin view.
    struct DeviceMetric
    {
        const char *name;
        const char *help;
        std::function<QByteArray(const protocol::DeviceInfo &)> value;
    };
    const DeviceMetric perDevice[] = {
        { "clinico_device_last_seen_seconds", "When the kiosk last reported (Unix time; 0: never).",
            [](const auto &d) { return QByteArray::number(d.lastSeenMs / 1000); } },
        { "clinico_device_silent", "1 when the kiosk has sent no news for 2 minutes.",
            [](const auto &d) { return QByteArray(d.silent ? "1" : "0"); } },
        { "clinico_device_uptime_seconds", "Seconds since the kiosk's app started, as last reported.",
            [](const auto &d) { return QByteArray::number(d.uptimeS); } },
        { "clinico_device_disk_free_bytes",
            "Free bytes on the disk of the kiosk's data directory (-1: unknown).",
            [](const auto &d) { return QByteArray::number(d.diskFreeBytes); } },
        { "clinico_device_restarts_24h", "Times the kiosk's app started in the last 24 hours.",
            [](const auto &d) { return QByteArray::number(d.restarts24h); } },
    };
    for (const DeviceMetric &dm : perDevice) {
        metric(dm.name, "gauge", dm.help);
        for (const KioskMetrics &k : m.kiosks)
            out += QByteArray(dm.name) + kioskLabels(k) + "} " + dm.value(k.device) + '\n';
    }
    metric("clinico_device_info", "gauge",
        "Always 1; the kiosk's version, printer state and paper (ok, low, empty) as labels.");
    for (const KioskMetrics &k : m.kiosks)
        out += "clinico_device_info" + kioskLabels(k) + ",version=\"" + labelValue(k.device.version)
            + "\",printer=\"" + labelValue(k.device.printerState) + "\",paper=\"" + labelValue(k.device.paper)
            + "\"} 1\n";
    return out;
}

} // namespace clinico::server
