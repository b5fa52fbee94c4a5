// SPDX-License-Identifier: GPL-3.0-or-later
// The power-cut test's ticket source, run inside the kiosk under QEMU: issues ticket requests
// into a totem Outbox (the totem's own code, SQLite in WAL with synchronous=FULL, on the data
// partition), one every PAUSE_MS (default 0: as fast as it can), and after each commit returns
// prints "acknowledged ID KEY". The test cuts the power at a random moment and, after the next
// boot, finds every acknowledged request in the file.
//   clinico-outbox-writer DATABASE [PAUSE_MS]
#include "outbox/outbox.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QUuid>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: clinico-outbox-writer DATABASE [PAUSE_MS]\n");
        return 2;
    }
    const std::chrono::milliseconds pause(argc == 3 ? std::atoi(argv[2]) : 0);
    clinico::totem::Outbox outbox;
    if (auto opened = outbox.open(QString::fromLocal8Bit(argv[1])); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    std::printf("outbox holds %d unsent\n", outbox.depth());
    for (;;) {
        const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto entry = outbox.add(QStringLiteral("52998224725"), 1, clinico::PriorityClass::Normal,
            QDateTime::currentMSecsSinceEpoch(), key);
        if (!entry) {
            std::fprintf(stderr, "%s\n", qPrintable(entry.error().message));
            return 1;
        }
        std::printf("acknowledged %lld %s\n", static_cast<long long>(entry->id), qPrintable(key));
        std::fflush(stdout);
        std::this_thread::sleep_for(pause);
    }
}
