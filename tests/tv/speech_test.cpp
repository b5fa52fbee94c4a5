// SPDX-License-Identifier: GPL-3.0-or-later
// The real thing: Qt TextToSpeech on speech-dispatcher (espeak-ng, pt-BR) and the ALSA chime,
// with ALSA pointed at WAV files in a private HOME, so the test can hear what a TV would say.
#include "qstringprinter.h"
#include "support/testclients.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>
#include <cstring>

using namespace Qt::StringLiterals;

namespace {

// Peak and length of 16-bit PCM after a 44-byte WAV header (the ALSA file plugin fills in the
// header's sizes only on a clean close, so they are not trusted).
struct Sound
{
    qint64 samples = 0;
    int peak = 0;
};

Sound readWav(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    Sound s;
    if (all.size() <= 44)
        return s;
    s.samples = (all.size() - 44) / 2;
    for (qint64 i = 0; i < s.samples; ++i) {
        qint16 v;
        std::memcpy(&v, all.constData() + 44 + 2 * i, 2);
        s.peak = std::max(s.peak, std::abs(int(v)));
    }
    return s;
}

void write(const QString &path, const QString &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
}

TEST(Speech, AnAnnouncementChimesAndSpeaksPortugueseThroughTheRealEngine)
{
    if (!QFile::exists(u"/usr/bin/speech-dispatcher"_s))
        GTEST_SKIP() << "speech-dispatcher is not installed (scripts/debian-packages.txt lists it)";
    QTemporaryDir dir;
    const QString home = dir.filePath(u"home"_s);
    const QString config = dir.filePath(u"config"_s);
    const QString runtime = dir.filePath(u"run"_s);
    const QString speechWav = dir.filePath(u"speech.wav"_s);
    const QString chimeWav = dir.filePath(u"chime.wav"_s);
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    write(home + u"/.asoundrc"_s, uR"(pcm.!default { type file; slave.pcm "null"; file "%1"; format "wav" }
pcm.chime { type file; slave.pcm "null"; file "%2"; format "wav" }
)"_s.arg(speechWav, chimeWav));
    write(config + u"/speech-dispatcher/speechd.conf"_s, uR"(AudioOutputMethod "alsa"
AudioALSADevice "default"
AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"
DefaultModule espeak-ng
DefaultLanguage "pt-BR"
DefaultVolume 100
LogDir "%1"
)"_s.arg(dir.filePath(u"speechd-log"_s)));

    QProcess probe;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_CONFIG_HOME"_s, config);
    env.insert(u"XDG_RUNTIME_DIR"_s, runtime);
    probe.setProcessEnvironment(env);
    probe.setProcessChannelMode(QProcess::MergedChannels);
    probe.start(QStringLiteral(CLINICO_SPEECH_PROBE), { u"Senha cê pê zero doze, consultório três."_s });
    ASSERT_TRUE(probe.waitForStarted(5000));
    const bool done = probe.waitForFinished(40000);
    const QString output = QString::fromUtf8(probe.readAll());

    // speech-dispatcher was spawned by the probe and outlives it: stop it by its PID.
    QFile pidFile(runtime + u"/speech-dispatcher/pid/speech-dispatcher.pid"_s);
    if (pidFile.open(QIODevice::ReadOnly)) {
        const qint64 pid = pidFile.readAll().trimmed().toLongLong();
        if (pid > 1)
            ::kill(pid_t(pid), SIGTERM);
    }

    ASSERT_TRUE(done) << output.toStdString();
    EXPECT_EQ(probe.exitCode(), 0) << output.toStdString();
    EXPECT_TRUE(output.contains(u"portuguese=1"_s)) << "no pt-BR voice in speechd: " << output.toStdString();
    EXPECT_TRUE(output.contains(u"finished"_s)) << output.toStdString();

    const Sound chime = readWav(chimeWav);
    EXPECT_GE(chime.samples, 22050) << "the chime lasts about 1.5 s";
    EXPECT_GT(chime.peak, 3000) << "the chime is audible";
    const Sound speech = readWav(speechWav);
    EXPECT_GE(speech.samples, 22050) << "at least a second of speech";
    EXPECT_GT(speech.peak, 3000) << "the speech is audible";
}

} // namespace
