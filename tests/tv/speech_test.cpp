// SPDX-License-Identifier: GPL-3.0-or-later
// The real thing: the TV's voice process (clinico-voice: Qt TextToSpeech on
// speech-dispatcher, espeak-ng pt-BR, and the ALSA chime) driven by the TV's VoiceProcess,
// with ALSA pointed at WAV files in a private HOME, so the test can hear what a TV would say;
// and with no audio device at all, where the TV must go on without it.
#include "announce/voiceprocess.h"
#include "heartbeat.h"
#include "qstringprinter.h"
#include "support/testclients.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

#include <csignal>
#include <cstring>
#include <iostream>

using namespace clinico::voice;
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

// A private HOME for ALSA and speech-dispatcher; stops the speech-dispatcher the voice
// spawned (it outlives its client) by its PID.
// Its speech modules (sd_espeak-ng) are its children: they go too. A speech-dispatcher whose
// audio hangs may ignore SIGTERM, so SIGKILL follows after 2 s.
void stopDaemonAndModules(pid_t daemon)
{
    QList<pid_t> pids { daemon };
    for (const QString &entry : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
        QFile stat(u"/proc/%1/stat"_s.arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // pid (comm) state ppid ...: the parent is the second field after the closing parenthesis.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toInt() == daemon)
            pids << pid_t(entry.toInt());
    }
    for (pid_t pid : pids)
        ::kill(pid, SIGTERM);
    for (pid_t pid : pids) {
        if (!clinico::test::spinUntil([pid] { return ::kill(pid, 0) != 0; }, 2000))
            ::kill(pid, SIGKILL);
    }
}

class PrivateSoundHome
{
public:
    // asoundrc: the ALSA configuration (the default device and a "chime" device).
    explicit PrivateSoundHome(const QString &asoundrc)
    {
        QDir().mkpath(runtime());
        QFile::setPermissions(
            runtime(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        write(m_dir.filePath(u"home/.asoundrc"_s), asoundrc);
        write(m_dir.filePath(u"config/speech-dispatcher/speechd.conf"_s), uR"(AudioOutputMethod "alsa"
AudioALSADevice "default"
AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"
DefaultModule espeak-ng
DefaultLanguage "pt-BR"
DefaultVolume 100
LogDir "%1"
)"_s.arg(m_dir.filePath(u"speechd-log"_s)));
        qputenv("HOME", m_dir.filePath(u"home"_s).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toUtf8());
        qputenv("XDG_RUNTIME_DIR", runtime().toUtf8());
    }
    ~PrivateSoundHome()
    {
        QFile pidFile(runtime() + u"/speech-dispatcher/pid/speech-dispatcher.pid"_s);
        if (pidFile.open(QIODevice::ReadOnly)) {
            const pid_t pid = pid_t(pidFile.readAll().trimmed().toLongLong());
            if (pid > 1)
                stopDaemonAndModules(pid);
        }
        for (const char *name : { "HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR" })
            qunsetenv(name);
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }

private:
    QString runtime() const { return m_dir.filePath(u"run"_s); }
    QTemporaryDir m_dir;
};

VoiceProcess::Options realVoice()
{
    return { QStringLiteral(CLINICO_VOICE), { u"--engine"_s, u"speechd"_s, u"--chime-device"_s, u"chime"_s },
        60000, 60000 };
}

bool haveSpeechDispatcher()
{
    return QFile::exists(u"/usr/bin/speech-dispatcher"_s);
}

TEST(Speech, AnAnnouncementChimesAndSpeaksPortugueseThroughTheRealVoiceProcess)
{
    if (!haveSpeechDispatcher())
        GTEST_SKIP() << "speech-dispatcher is not installed (scripts/debian-packages.txt lists it)";
    QTemporaryDir wavs;
    const QString speechWav = wavs.filePath(u"speech.wav"_s);
    const QString chimeWav = wavs.filePath(u"chime.wav"_s);
    PrivateSoundHome home(uR"(pcm.!default { type file; slave.pcm "null"; file "%1"; format "wav" }
pcm.chime { type file; slave.pcm "null"; file "%2"; format "wav" }
)"_s.arg(speechWav, chimeWav));

    VoiceProcess voice(realVoice());
    QSignalSpy finished(&voice, &Announcer::finished);
    voice.announce(u"Senha cê pê zero doze, consultório três."_s, true, 1.0);
    ASSERT_TRUE(clinico::test::spinUntil([&] { return finished.size() == 1; }, 40000));
    EXPECT_EQ(voice.audioAvailable(), std::optional<bool>(true)) << voice.problem().toStdString();

    const Sound chime = readWav(chimeWav);
    EXPECT_GE(chime.samples, 22050) << "the chime lasts about 1.5 s";
    EXPECT_GT(chime.peak, 3000) << "the chime is audible";
    const Sound speech = readWav(speechWav);
    EXPECT_GE(speech.samples, 22050) << "at least a second of speech";
    EXPECT_GT(speech.peak, 3000) << "the speech is audible";
}

// The totem's audio guide on the same voice: a screen's instructions cut short by a key press
// (sayNow), both answered, the key's words heard.
TEST(Speech, AGuidePromptCutShortByTheNextIsAnsweredAndTheNextIsSpoken)
{
    if (!haveSpeechDispatcher())
        GTEST_SKIP() << "speech-dispatcher is not installed (scripts/debian-packages.txt lists it)";
    QTemporaryDir wavs;
    const QString speechWav = wavs.filePath(u"speech.wav"_s);
    PrivateSoundHome home(uR"(pcm.!default { type file; slave.pcm "null"; file "%1"; format "wav" }
)"_s.arg(speechWav));

    VoiceProcess voice(realVoice());
    QSignalSpy finished(&voice, &Announcer::finished);
    QElapsedTimer clock;
    clock.start();
    voice.sayNow(
        u"Digite seu CPF para retirar sua senha: são 11 números, no teclado numérico."_s, 1.0, u"pt_BR"_s);
    voice.sayNow(u"Faltam 10 números."_s, 1.0, u"pt_BR"_s);
    ASSERT_TRUE(clinico::test::spinUntil([&] { return finished.size() == 2; }, 40000));
    EXPECT_EQ(voice.audioAvailable(), std::optional<bool>(true)) << voice.problem().toStdString();
    const Sound speech = readWav(speechWav);
    EXPECT_GE(speech.samples, 11025) << "at least half a second of speech";
    EXPECT_GT(speech.peak, 3000) << "the speech is audible";
    std::cout << "[ figure ] two guide prompts, the first cut short, answered in " << clock.elapsed()
              << " ms; " << speech.samples << " samples of speech written\n";
}

// A TV with no sound card: the chime cannot open its device and speech-dispatcher stays
// "speaking" forever. The call ends at the deadline (abandon(), as the queue does), the
// screen's thread never waits, the voice process is killed, and the TV says why.
TEST(Speech, WithNoAudioDeviceTheCallEndsAtTheDeadlineAndTheTvReportsNoAudio)
{
    if (!haveSpeechDispatcher())
        GTEST_SKIP() << "speech-dispatcher is not installed (scripts/debian-packages.txt lists it)";
    PrivateSoundHome home(uR"(pcm.!default { type hw; card 7 }
pcm.chime { type hw; card 7 }
)"_s);
    VoiceProcess voice(realVoice());
    QSignalSpy finished(&voice, &Announcer::finished);
    clinico::test::Heartbeat heart;

    voice.announce(u"Senha cê pê zero doze, consultório três."_s, true, 1.0);
    const qint64 pid = voice.workerPid();
    ASSERT_GT(pid, 0);
    // What the queue's watchdog does when the voice has not finished in time.
    if (!clinico::test::spinUntil([&] { return finished.size() == 1; }, 8000))
        voice.abandon();
    EXPECT_EQ(voice.audioAvailable(), std::optional<bool>(false));
    EXPECT_FALSE(voice.problem().isEmpty());
    EXPECT_TRUE(heart.neverStalled())
        << "the event loop kept running: " << heart.ticks << " ticks in " << heart.clock.elapsed() << " ms";
    if (finished.isEmpty()) {
        EXPECT_TRUE(clinico::test::spinUntil([&] { return ::kill(pid_t(pid), 0) != 0; }, 3000))
            << "the hung voice process was killed";
    }
}

} // namespace
