// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper: commits two outbox entries the way the totem does, then dies by SIGKILL
// before anything could be printed or sent. Usage: outboxcrasher DB SERVICE_ID CPF1 CPF2
#include "outbox/outbox.h"

#include <QCoreApplication>

#include <csignal>

using namespace clinico;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5)
        return 2;
    totem::Outbox outbox;
    if (!outbox.open(args[1]))
        return 3;
    const qint64 service = args[2].toLongLong();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto pending = outbox.add(QString(args[3]).remove(u'.').remove(u'-'), service, PriorityClass::Normal, now,
        QStringLiteral("T9-crash-pending-0001"));
    auto offline = outbox.add(QString(args[4]).remove(u'.').remove(u'-'), service, PriorityClass::Normal, now,
        QStringLiteral("T9-crash-offline-0002"));
    if (!pending || !offline
        || !outbox.issueOffline(
            offline->id, QStringLiteral("2000-01-01"), QStringLiteral("C"), QStringLiteral("T9")))
        return 4;
    std::raise(SIGKILL);
    return 0;
}
