// SPDX-License-Identifier: GPL-3.0-or-later
// Says one announcement through the real TtsAnnouncer (chime on ALSA, then speechd) and exits
// when it has finished: 0 finished, 3 timed out. Run by speech_test with a private HOME whose
// ALSA devices write to files.
#include "announce/ttsannouncer.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString text = args.value(1, QStringLiteral("Senha cê pê zero doze, consultório três."));
    clinico::tv::TtsAnnouncer announcer(QStringLiteral("speechd"), QStringLiteral("chime"));
    std::printf("portuguese=%d\n", announcer.hasPortugueseVoice() ? 1 : 0);
    QObject::connect(&announcer, &clinico::tv::Announcer::finished, &app, [] {
        std::printf("finished\n");
        QCoreApplication::exit(0);
    });
    QTimer::singleShot(30000, &app, [] { QCoreApplication::exit(3); });
    announcer.announce(text, true, 1.0);
    return QCoreApplication::exec();
}
