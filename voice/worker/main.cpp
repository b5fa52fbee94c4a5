// SPDX-License-Identifier: GPL-3.0-or-later
// clinico-voice: the TV's voice, in a process of its own. clinico-tv starts it and sends it
// one announcement per line; it chimes on ALSA, speaks through speech-dispatcher and answers
// when done. A sound stack that hangs or crashes takes down only this process: the TV kills
// it at its deadline and keeps showing the calls.
#include "worker/ttsannouncer.h"
#include "worker/voiceworker.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <csignal>
#include <unistd.h>

int main(int argc, char *argv[])
{
    std::signal(SIGPIPE, SIG_IGN); // the TV went away: write() fails and we quit on stdin EOF
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("clinico-voice"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CLINICO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Clinico TV voice: reads announcements on stdin, one JSON object per line, and speaks them"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption engine(QStringLiteral("engine"), QStringLiteral("Qt TextToSpeech engine"),
        QStringLiteral("engine"), QStringLiteral("speechd"));
    const QCommandLineOption chimeDevice(QStringLiteral("chime-device"),
        QStringLiteral("ALSA device for the chime"), QStringLiteral("pcm"), QStringLiteral("default"));
    parser.addOptions({ engine, chimeDevice });
    parser.process(app);

    clinico::voice::TtsAnnouncer announcer(parser.value(engine), parser.value(chimeDevice));
    clinico::voice::VoiceWorker worker(announcer, STDIN_FILENO, STDOUT_FILENO);
    QObject::connect(&worker, &clinico::voice::VoiceWorker::inputClosed, &app, &QCoreApplication::quit);
    return QCoreApplication::exec();
}
