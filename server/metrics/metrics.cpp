// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/metrics.h"

namespace clinico::server {

QByteArray renderPrometheus(const MetricsSnapshot &m)
{
    QByteArray out;
    auto metric = [&out](const char *name, const char *type, const char *help) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    };
    metric("clinico_tickets_issued_total", "counter", "Tickets issued since the database was created.");
    out += "clinico_tickets_issued_total " + QByteArray::number(m.ticketsIssued) + '\n';
    metric("clinico_tickets_waiting", "gauge", "Tickets waiting today, per service prefix.");
    for (auto it = m.waitingPerService.cbegin(); it != m.waitingPerService.cend(); ++it)
        out += "clinico_tickets_waiting{service=\"" + it.key().toUtf8() + "\"} "
            + QByteArray::number(it.value()) + '\n';
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
    return out;
}

} // namespace clinico::server
