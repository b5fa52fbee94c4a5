// SPDX-License-Identifier: GPL-3.0-or-later
// The TV's voice runs in a child process: whatever it does (hang, crash, never start), the
// screen's thread keeps running, the call ends at its deadline, and the TV says why there is
// no audio. Fake voices are shell scripts (fakevoice.h); the real one is in speech_test.cpp.
#include "announce/announcementqueue.h"
#include "announce/voicemessages.h"
#include "announce/voiceprocess.h"
#include "core/clock.h"
#include "fakevoice.h"
#include "heartbeat.h"
#include "qstringprinter.h"
#include "support/testclients.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>

#include <gtest/gtest.h>

#include <csignal>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::tv;
using namespace clinico::voice;
using namespace Qt::StringLiterals;

namespace {

protocol::CallAnnouncement call(const QString &code)
{
    protocol::CallAnnouncement c;
    c.code = code;
    c.counterName = u"Consultório 3"_s;
    return c;
}

bool processGone(qint64 pid)
{
    return pid > 0 && ::kill(pid_t(pid), 0) != 0;
}

class VoiceProcessTest : public ::testing::Test
{
protected:
    std::unique_ptr<VoiceProcess> voice(const FakeVoice &fake, int retryMs = 0)
    {
        return std::make_unique<VoiceProcess>(VoiceProcess::Options { fake.program(), {}, retryMs, retryMs });
    }
    AnnouncementQueue::Options queueOptions()
    {
        AnnouncementQueue::Options o;
        o.minPresentMs = 0;
        o.watchdogBaseMs = 600;
        o.watchdogPerCharMs = 0;
        return o;
    }
    SystemClock clock;
};

TEST_F(VoiceProcessTest, AnsweringVoiceSpeaksEveryCallAndReportsAudio)
{
    FakeVoice fake(FakeVoice::Behaviour::Answers);
    auto v = voice(fake);
    AnnouncementQueue queue(v.get(), clock, queueOptions());
    QSignalSpy finished(&queue, &AnnouncementQueue::finished);
    queue.enqueue(call(u"CN001"_s));
    queue.enqueue(call(u"CN002"_s));
    ASSERT_TRUE(spinUntil([&] { return finished.size() == 2; }, 5000));
    EXPECT_EQ(v->audioAvailable(), std::optional<bool>(true));
    EXPECT_TRUE(v->problem().isEmpty());
}

TEST_F(VoiceProcessTest, HangingVoiceIsKilledAtTheDeadlineAndTheNextCallStillShows)
{
    FakeVoice fake(FakeVoice::Behaviour::Hangs);
    auto v = voice(fake, 60000); // not tried again during this test
    AnnouncementQueue queue(v.get(), clock, queueOptions());
    QStringList started;
    QObject::connect(&queue, &AnnouncementQueue::started,
        [&](const protocol::CallAnnouncement &c, const QString &) { started << c.code; });
    QSignalSpy finished(&queue, &AnnouncementQueue::finished);
    Heartbeat heart;

    queue.enqueue(call(u"CN001"_s));
    queue.enqueue(call(u"CN002"_s));
    ASSERT_TRUE(spinUntil([&] { return v->workerPid() > 0; }, 2000));
    const qint64 hung = v->workerPid();
    ASSERT_TRUE(spinUntil([&] { return finished.size() == 2; }, 3000)) << started.join(u' ').toStdString();
    EXPECT_EQ(started, (QStringList { u"CN001"_s, u"CN002"_s }));
    EXPECT_TRUE(heart.neverStalled()) << heart.ticks << " ticks in " << heart.clock.elapsed() << " ms";
    EXPECT_EQ(v->audioAvailable(), std::optional<bool>(false));
    EXPECT_EQ(v->problem(), u"a voz não terminou a tempo"_s);
    EXPECT_TRUE(spinUntil([&] { return processGone(hung); }, 2000)) << "the hung voice was killed";
    // During the backoff the second call was shown silently, without a new voice process.
    EXPECT_EQ(v->workerPid(), 0);
}

TEST_F(VoiceProcessTest, CrashingVoiceEndsTheCallAtOnceAndIsReported)
{
    FakeVoice fake(FakeVoice::Behaviour::Crashes);
    auto v = voice(fake);
    AnnouncementQueue::Options o = queueOptions();
    o.watchdogBaseMs = 20000; // the crash, not the deadline, ends it
    AnnouncementQueue queue(v.get(), clock, o);
    QSignalSpy finished(&queue, &AnnouncementQueue::finished);
    QElapsedTimer t;
    t.start();
    queue.enqueue(call(u"CN001"_s));
    ASSERT_TRUE(spinUntil([&] { return finished.size() == 1; }, 5000));
    EXPECT_LT(t.elapsed(), 5000);
    EXPECT_EQ(v->audioAvailable(), std::optional<bool>(false));
    EXPECT_EQ(v->problem(), u"o processo de voz parou de repente"_s);
}

// The totem's guide sends a text while another is being said (sayNow): every request gets
// its finished(), and a voice that dies ends all it held at once.
TEST_F(VoiceProcessTest, EverySayNowIsAnsweredAndACrashEndsAllItHeld)
{
    FakeVoice answers(FakeVoice::Behaviour::Answers);
    auto v = voice(answers);
    QSignalSpy finished(v.get(), &Announcer::finished);
    for (const QString &text : { u"Digite seu CPF"_s, u"Faltam 10 números."_s, u"Faltam 9 números."_s })
        v->sayNow(text, 0.8, u"pt_BR"_s);
    ASSERT_TRUE(spinUntil([&] { return finished.size() == 3; }, 5000));
    EXPECT_EQ(v->audioAvailable(), std::optional<bool>(true));

    FakeVoice crashes(FakeVoice::Behaviour::Crashes);
    auto dying = voice(crashes, 60000);
    QSignalSpy ended(dying.get(), &Announcer::finished);
    dying->sayNow(u"Digite seu CPF"_s, 0.8, u"pt_BR"_s);
    dying->sayNow(u"Faltam 10 números."_s, 0.8, u"pt_BR"_s);
    ASSERT_TRUE(spinUntil([&] { return ended.size() == 2; }, 5000));
    EXPECT_EQ(dying->audioAvailable(), std::optional<bool>(false));
    spinUntil([] { return false; }, 100);
    EXPECT_EQ(ended.size(), 2) << "one finished() per request, no more";
}

TEST(VoiceLines, ARequestCarriesInterruptAndLanguageAndOldLinesStillRead)
{
    VoiceRequest sent { u"Faltam 10 números."_s, false, 0.8, true, u"es"_s };
    auto read = VoiceRequest::fromLine(sent.toLine());
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    EXPECT_EQ(read->text, sent.text);
    EXPECT_TRUE(read->interrupt);
    EXPECT_EQ(read->language, u"es"_s);
    auto old = VoiceRequest::fromLine(R"({"text":"Senha cê pê zero doze","chime":true,"volume":80})");
    ASSERT_TRUE(old.ok());
    EXPECT_FALSE(old->interrupt);
    EXPECT_EQ(old->language, u"pt_BR"_s);
}

TEST_F(VoiceProcessTest, MissingVoiceProgramShowsTheCallAndSaysWhy)
{
    VoiceProcess v(VoiceProcess::Options { u"/nonexistent/clinico-voice"_s, {}, 0, 0 });
    AnnouncementQueue queue(&v, clock, queueOptions());
    QSignalSpy finished(&queue, &AnnouncementQueue::finished);
    queue.enqueue(call(u"CN001"_s));
    ASSERT_TRUE(spinUntil([&] { return finished.size() == 1; }, 3000));
    EXPECT_EQ(v.audioAvailable(), std::optional<bool>(false));
    EXPECT_TRUE(v.problem().startsWith(u"não foi possível iniciar /nonexistent/clinico-voice"_s))
        << v.problem().toStdString();
}

TEST_F(VoiceProcessTest, AVoiceThatRecoversSpeaksTheNextCallAndAudioIsBack)
{
    FakeVoice fake(FakeVoice::Behaviour::HangsOnceThenAnswers);
    auto v = voice(fake, 0); // tried again at the next call
    AnnouncementQueue queue(v.get(), clock, queueOptions());
    QSignalSpy finished(&queue, &AnnouncementQueue::finished);
    QSignalSpy audio(v.get(), &VoiceProcess::audioChanged);
    queue.enqueue(call(u"CN001"_s));
    ASSERT_TRUE(spinUntil([&] { return finished.size() == 1; }, 3000));
    EXPECT_EQ(v->audioAvailable(), std::optional<bool>(false));
    // The voice is tried again: a new process, which answers.
    queue.enqueue(call(u"CN002"_s));
    ASSERT_TRUE(spinUntil([&] { return finished.size() == 2; }, 3000));
    EXPECT_EQ(v->audioAvailable(), std::optional<bool>(true));
    EXPECT_TRUE(v->problem().isEmpty());
    EXPECT_EQ(audio.size(), 2); // lost, then back
}

TEST_F(VoiceProcessTest, ShortBackoffGrowsWhileTheVoiceKeepsFailing)
{
    FakeVoice fake(FakeVoice::Behaviour::Crashes);
    VoiceProcess v(VoiceProcess::Options { fake.program(), {}, 200, 800 });
    AnnouncementQueue queue(&v, clock, queueOptions());
    QSignalSpy finished(&queue, &AnnouncementQueue::finished);
    queue.enqueue(call(u"CN001"_s));
    ASSERT_TRUE(spinUntil([&] { return finished.size() == 1; }, 3000));
    // Within the 200 ms backoff: shown silently, no process started.
    queue.enqueue(call(u"CN002"_s));
    ASSERT_TRUE(spinUntil([&] { return finished.size() == 2; }, 1000));
    EXPECT_EQ(v.workerPid(), 0);
    EXPECT_EQ(v.problem(), u"o processo de voz parou de repente"_s);
}

} // namespace
