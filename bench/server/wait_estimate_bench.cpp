// SPDX-License-Identifier: GPL-3.0-or-later
// How good is the wait estimate (server/estimate/waitestimator.h)? Replays a scripted clinic
// morning on the real store (SQLite file) with an injected clock, and compares, for every
// ticket joining a queue, the estimate the phone page and the ticket would show at that moment
// with the wait that followed (joining to first call).
//
//   build/bench/server/wait_estimate_bench [seed=13]
//
// The day: 08:00-11:30 arrivals at Recepção (one every 2.5 min on average; 10% 80+, 20%
// other priority), 60% of them then sent on to Consulta. Recepção has Guichê 1 all day and
// Guichê 2 from 09:00 to 10:30; Consulta has two rooms. Service times depend on the stage and
// the class (Recepção 3/4/5 min, Consulta 8/10/12 min for normal/priority/80+, +-40%).
//
// Prints the mean absolute error (minutes) of the estimate and of the old constant guess
// (5 minutes a person ahead), per stage and in all. Asserts nothing.
#include "reset/dailyreset.h"
#include "storage/queuestore.h"
#include "support/testclients.h"
#include "support/teststore.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTextStream>

#include <random>

using namespace clinico;
using namespace clinico::server;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMin = 60 * 1000;
constexpr qint64 kStepMs = 15 * 1000;
constexpr int kOldMinutesPerPerson = 5;

struct Joined
{
    qint64 atMs = 0;
    int estimate = 0;
    int oldGuess = 0;
    QString stage;
};

struct Desk
{
    qint64 id = 0;
    qint64 serviceId = 0;
    qint64 opensMs = 0;
    qint64 closesMs = 0;
    qint64 busyUntilMs = 0;
    qint64 holding = 0;
};

struct Errors
{
    double sumNew = 0;
    double sumOld = 0;
    int n = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const unsigned seed = argc > 1 ? QByteArray(argv[1]).toUInt() : 13;
    QTextStream out(stdout);

    QTemporaryDir dir;
    const QDateTime start = QDateTime(QDate(2026, 11, 24), QTime(8, 0), QTimeZone("America/Sao_Paulo")).toUTC();
    const qint64 t0 = start.toMSecsSinceEpoch();
    ManualClock clock(start);
    QueueStore store(clock, BusinessDay());
    DailyReset reset(store, clock);
    if (!clinico::test::openTestStore(store, dir.path()) || !reset.ensureCurrent()) {
        out << "could not open the store\n";
        return 1;
    }
    const qint64 reception = store.catalog().addService(u"R"_s, u"Recepção"_s)->id;
    const qint64 consult = store.catalog().addService(u"C"_s, u"Consulta"_s)->id;
    if (!store.catalog().updateService(reception, u"Recepção"_s, true, consult)) {
        out << "could not chain Recepção to Consulta\n";
        return 1;
    }
    const qint64 totem = store.devices().addDevice(u"Totem"_s, Role::Totem, "bench")->id;
    QList<Desk> desks {
        { store.catalog().addCounter(u"Guichê 1"_s, { reception })->id, reception, t0, t0 + 24 * 60 * kMin },
        { store.catalog().addCounter(u"Guichê 2"_s, { reception })->id, reception, t0 + 60 * kMin, t0 + 150 * kMin },
        { store.catalog().addCounter(u"Consultório 1"_s, { consult })->id, consult, t0, t0 + 24 * 60 * kMin },
        { store.catalog().addCounter(u"Consultório 2"_s, { consult })->id, consult, t0, t0 + 24 * 60 * kMin },
    };
    const Actor staff { 0, u"bench"_s };

    std::mt19937 random(seed);
    std::exponential_distribution<double> gap(1.0 / 2.5);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    QList<qint64> arrivals;
    for (double minute = gap(random); minute < 210; minute += gap(random))
        arrivals << t0 + qint64(minute * kMin);

    auto serviceMs = [&](qint64 serviceId, PriorityClass c) {
        const double base = (serviceId == reception ? 3.0 : 8.0) + (serviceId == reception ? 1.0 : 2.0) * rank(c);
        return qint64(base * (0.6 + 0.8 * unit(random)) * kMin);
    };
    QHash<qint64, Joined> joined; // ticket -> when it joined its current queue and what it was told
    QHash<QString, Errors> errors;
    auto join = [&](const Ticket &t) {
        const QueuePosition p = store.estimator().estimate(t);
        joined[t.id] = Joined { clock.nowMs(), p.estimatedWaitMinutes, p.ahead * kOldMinutesPerPerson, t.serviceName };
    };
    auto called = [&](qint64 ticketId) {
        const Joined j = joined.take(ticketId);
        const double real = double(clock.nowMs() - j.atMs) / kMin;
        for (const QString &key : { j.stage, u"todas"_s }) {
            Errors &e = errors[key];
            e.sumNew += std::abs(j.estimate - real);
            e.sumOld += std::abs(j.oldGuess - real);
            ++e.n;
        }
    };

    int seedCpf = 1;
    qsizetype nextArrival = 0;
    for (qint64 now = t0; now < t0 + 8 * 60 * kMin; now += kStepMs) {
        clock.set(QDateTime::fromMSecsSinceEpoch(now, Qt::UTC));
        while (nextArrival < arrivals.size() && arrivals[nextArrival] <= now) {
            ++nextArrival;
            const double r = unit(random);
            IssueTicketRequest req;
            req.cpf = test::validCpf(seedCpf++);
            req.serviceId = reception;
            req.priority = r < 0.1 ? PriorityClass::Priority80 : r < 0.3 ? PriorityClass::Priority : PriorityClass::Normal;
            req.idempotencyKey = u"bench-%1"_s.arg(seedCpf);
            auto issued = store.issuing().issue(req, *Cpf::parse(req.cpf), Actor { totem, u"totem"_s });
            if (!issued) {
                out << "issue failed: " << issued.error().message << "\n";
                return 1;
            }
            join(issued->response.ticket);
        }
        for (Desk &d : desks) {
            if (now < d.opensMs || now < d.busyUntilMs)
                continue;
            if (d.holding && d.serviceId == reception && unit(random) < 0.6) {
                auto moved = store.calling().forward(d.holding, std::nullopt, staff);
                if (moved)
                    join(*moved);
                d.holding = 0;
            }
            if (now >= d.closesMs) {
                if (d.holding && !store.calling().act(d.holding, TicketAction::Finish, staff))
                    out << "could not finish ticket " << d.holding << "\n";
                d.holding = 0;
                continue;
            }
            auto next = store.calling().callNext(d.id, staff);
            if (next && next->ticket) {
                called(next->ticket->id);
                d.holding = next->ticket->id;
                d.busyUntilMs = now + serviceMs(d.serviceId, next->ticket->priority);
            }
        }
        if (nextArrival == arrivals.size() && joined.isEmpty())
            break;
    }

    out << "scripted day (seed " << seed << "): " << arrivals.size() << " patients, "
        << errors.value(u"todas"_s).n << " queue joins\n";
    out << QStringLiteral("%1 %2 %3 %4\n").arg(u"stage"_s, -10).arg(u"joins"_s, 6).arg(u"MAE estimate"_s, 13).arg(u"MAE 5 min/person"_s, 17);
    for (const QString &key : { u"Recepção"_s, u"Consulta"_s, u"todas"_s }) {
        const Errors e = errors.value(key);
        if (!e.n)
            continue;
        out << QStringLiteral("%1 %2 %3 %4\n")
                   .arg(key, -10)
                   .arg(e.n, 6)
                   .arg(QString::number(e.sumNew / e.n, 'f', 1) + u" min"_s, 13)
                   .arg(QString::number(e.sumOld / e.n, 'f', 1) + u" min"_s, 17);
    }
    return 0;
}
