// SPDX-License-Identifier: GPL-3.0-or-later
// The totem's audio guide: what it says on each screen and for each key, never a CPF digit on
// the loudspeaker, the digits read back in headphones, off again for the next patient, and a
// voice that hangs never holds the screen. The real flow, offline (nothing listens at the
// server's address), with a recording voice; the real voice process is in tests/tv/speech_test.cpp.
// Then the "Ouvir instruções" button as the patient sees it: inside the window, legible, 7:1.
#include "announce/phrasing.h"
#include "app/totemapp.h"
#include "catalog/catalog.h"
#include "flow/totemflow.h"
#include "guide/audioguide.h"
#include "support/contrast.h"
#include "support/recordingannouncer.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFont>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <iostream>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::totem;
using namespace Qt::StringLiterals;
using Screen = TotemFlow::Screen;

namespace {

// Two valid CPFs with the same number of digits: what the loudspeaker says must not tell
// them apart.
const QString kCpfA = u"52998224725"_s;
const QString kCpfB = u"11144477735"_s;

class AudioGuideTest : public ::testing::Test
{
protected:
    void start(bool headphones = false, int speakMs = 0)
    {
        voice = std::make_unique<RecordingAnnouncer>(speakMs);
        TotemConfig config;
        config.serverUrl = QUrl(u"http://127.0.0.1:9"_s); // nothing listens: offline
        config.dataDir = dir.path();
        config.onlineTimeoutMs = 300;
        config.headphones = headphones;
        config.windowed = true; // resized by the test, not to the offscreen screen
        app = std::make_unique<TotemApp>(config, nullptr, voice.get());
        ASSERT_TRUE(app->start().ok());
        app->catalog().setServices(
            { { 1, u"C"_s, u"Consulta médica"_s, true }, { 2, u"E"_s, u"Exames"_s, true } });
    }
    TotemFlow &flow() { return app->flow(); }
    void type(const QString &digits)
    {
        for (QChar d : digits)
            flow().typeDigit(d.digitValue());
    }
    // What was said from `from` on.
    QStringList saidSince(qsizetype from) const { return voice->texts.mid(from); }

    QTemporaryDir dir;
    std::unique_ptr<RecordingAnnouncer> voice;
    std::unique_ptr<TotemApp> app;
};

TEST_F(AudioGuideTest, NothingIsSaidUntilThePatientAsksForIt)
{
    start();
    type(kCpfA.left(4));
    flow().erase();
    EXPECT_TRUE(voice->texts.isEmpty()) << voice->texts.join(u" | "_s).toStdString();
}

TEST_F(AudioGuideTest, TurnedOnItExplainsTheFirstScreenAndThePrivacyOfTheDigits)
{
    start();
    flow().toggleAudioGuide();
    ASSERT_EQ(voice->texts.size(), 1);
    const QString said = voice->lastText();
    EXPECT_TRUE(said.startsWith(u"Instruções faladas ligadas."_s)) << said.toStdString();
    EXPECT_TRUE(said.contains(u"Digite seu CPF"_s));
    EXPECT_TRUE(said.contains(u"11 números"_s));
    EXPECT_TRUE(said.contains(u"Confirmar"_s));
    EXPECT_TRUE(said.contains(u"não são falados em voz alta"_s)) << said.toStdString();
    EXPECT_EQ(voice->languages.constLast(), u"pt_BR"_s);
}

TEST_F(AudioGuideTest, TheStarKeyOfAPhysicalKeypadTurnsTheGuideOnAndOff)
{
    start();
    EXPECT_TRUE(flow().cpfKey(Qt::Key_Asterisk));
    EXPECT_TRUE(flow().audioGuide());
    EXPECT_TRUE(flow().cpfKey(Qt::Key_Asterisk));
    EXPECT_FALSE(flow().audioGuide());
    EXPECT_EQ(voice->lastText(), u"Instruções faladas desligadas."_s);
}

TEST_F(AudioGuideTest, OnTheLoudspeakerTheCpfDigitsAreNeverSaid)
{
    start(false);
    flow().toggleAudioGuide();
    auto sayWhileTyping = [&](const QString &cpf) {
        const qsizetype from = voice->texts.size();
        type(cpf.left(6));
        flow().erase();
        flow().typeDigit(cpf.at(5).digitValue());
        type(cpf.mid(6));
        flow().confirmCpf();
        return saidSince(from);
    };
    const QStringList a = sayWhileTyping(kCpfA);
    flow().restart();
    flow().toggleAudioGuide();
    const QStringList b = sayWhileTyping(kCpfB);
    EXPECT_EQ(a, b) << "what is said must not depend on the digits typed";
    ASSERT_EQ(a.size(), 14); // 13 keys, then the service screen
    EXPECT_EQ(a.at(0), u"Faltam 10 números."_s);
    EXPECT_EQ(a.at(6), u"Apagar. Faltam 6 números."_s);
    EXPECT_EQ(a.at(11), u"Falta 1 número."_s);
    EXPECT_EQ(a.at(12), u"CPF completo. Toque em Confirmar, ou aperte Enter."_s);
    for (const QString &text : a + b) {
        for (const QString &cpf : { kCpfA, kCpfB }) {
            for (qsizetype i = 0; i + 3 <= cpf.size(); ++i)
                EXPECT_FALSE(text.contains(cpf.mid(i, 3))) << text.toStdString();
        }
        EXPECT_FALSE(text.contains(u"cinco, dois"_s) || text.contains(u"um, um"_s)) << text.toStdString();
    }
}

TEST_F(AudioGuideTest, InHeadphonesEachDigitIsReadBackAndTheWholeNumberAtTheEnd)
{
    start(true);
    flow().toggleAudioGuide();
    EXPECT_TRUE(voice->lastText().contains(u"fone de ouvido"_s));
    flow().typeDigit(7);
    EXPECT_EQ(voice->lastText(), u"sete"_s);
    flow().clearCpf();
    EXPECT_EQ(voice->lastText(), u"Limpar. Todos os números foram apagados."_s);
    type(kCpfA);
    EXPECT_EQ(voice->lastText(),
        u"cinco. Você digitou: cinco, dois, nove, nove, oito, dois, dois, quatro, sete, dois, cinco. "
        "CPF completo. Toque em Confirmar, ou aperte Enter."_s);
}

TEST_F(AudioGuideTest, ConfirmarRefusedSaysWhatIsMissing)
{
    start();
    flow().toggleAudioGuide();
    type(u"529"_s);
    flow().confirmCpf();
    EXPECT_EQ(voice->lastText(), u"Confirmar. Digite os 11 números do CPF."_s);
    flow().clearCpf();
    type(u"12345678901"_s);
    EXPECT_EQ(voice->lastText(), u"CPF inválido — confira os números."_s);
}

TEST_F(AudioGuideTest, EveryScreenSaysWhatItAsksAndTheTicketItsCodeAndWhereToWait)
{
    start();
    flow().toggleAudioGuide();
    type(kCpfA);
    flow().confirmCpf();
    ASSERT_EQ(flow().screen(), Screen::Service);
    QString said = voice->lastText();
    EXPECT_TRUE(said.startsWith(u"Qual atendimento você procura?"_s)) << said.toStdString();
    EXPECT_TRUE(said.contains(u"Consulta médica, Exames"_s)) << said.toStdString();
    EXPECT_TRUE(said.contains(u"setas"_s));
    app->guide().describeService(2); // the keypad's focus ring on "Exames"
    EXPECT_EQ(voice->lastText(), u"Exames"_s);

    flow().chooseService(1);
    ASSERT_EQ(flow().screen(), Screen::Priority);
    said = voice->lastText();
    EXPECT_TRUE(said.contains(u"Não, atendimento normal"_s)) << said.toStdString();
    for (const char *group : { "80 anos ou mais: prioridade especial", "60 anos ou mais: pessoa idosa",
             "Gestante: durante a gravidez", "Lactante: quem amamenta", "Criança de colo: quem está com",
             "Pessoa com deficiência: deficiência física", "Autismo (TEA): transtorno do espectro autista",
             "Obesidade ou mobilidade reduzida: dificuldade para andar" })
        EXPECT_TRUE(said.contains(QString::fromUtf8(group))) << group << " in: " << said.toStdString();
    app->guide().describePriority(u"pregnant"_s);
    EXPECT_EQ(voice->lastText(), u"Gestante: durante a gravidez."_s);

    flow().choosePriority(u"normal"_s);
    ASSERT_TRUE(QTest::qWaitFor([&] { return flow().screen() == Screen::Ticket; }, 5000));
    said = voice->lastText();
    const QString code = voice::Phrasing::spokenCode(flow().code());
    ASSERT_FALSE(flow().code().isEmpty());
    EXPECT_TRUE(said.startsWith(u"Sua senha é %1. Repetindo: %1."_s.arg(code))) << said.toStdString();
    EXPECT_TRUE(said.contains(u"sala de espera"_s));
    EXPECT_TRUE(said.contains(u"TV"_s));
    // No printer here: the patient is told to write the code down.
    EXPECT_TRUE(said.contains(u"anote ou fotografe sua senha"_s)) << said.toStdString();
    EXPECT_TRUE(said.contains(u"Preciso de mais tempo"_s));
}

TEST_F(AudioGuideTest, EachTextCutsShortTheOneBeforeSoKeysAreHeardAtOnce)
{
    start(false, 60000); // a voice still speaking when the next key comes
    flow().toggleAudioGuide();
    type(u"12"_s);
    EXPECT_EQ(voice->cuts, 2);
    EXPECT_EQ(voice->overlaps, 0);
}

TEST_F(AudioGuideTest, TheNextPatientStartsWithTheGuideOffAndSilence)
{
    start();
    flow().toggleAudioGuide();
    type(kCpfA);
    flow().confirmCpf();
    const qsizetype before = voice->texts.size();
    flow().restart();
    EXPECT_FALSE(flow().audioGuide());
    EXPECT_EQ(voice->texts.size(), before) << voice->lastText().toStdString();
    type(u"12"_s);
    EXPECT_EQ(voice->texts.size(), before);
}

TEST_F(AudioGuideTest, AVoiceThatNeverFinishesIsAbandonedAndTheFlowGoesOn)
{
    start();
    RecordingAnnouncer hung(-1); // never finishes
    AudioGuide::Options quick;
    quick.deadlineBaseMs = 200;
    quick.deadlinePerCharMs = 0;
    AudioGuide guide(flow(), &hung, quick);
    flow().toggleAudioGuide();
    ASSERT_TRUE(QTest::qWaitFor([&] { return hung.abandons > 0; }, 3000));
    type(kCpfA);
    flow().confirmCpf();
    EXPECT_EQ(flow().screen(), Screen::Service);
}

TEST_F(AudioGuideTest, TheGuideSpeaksThePatientsLanguage)
{
    start();
    flow().setLanguage(u"es"_s);
    flow().toggleAudioGuide();
    EXPECT_EQ(voice->languages.constLast(), u"es"_s);
    EXPECT_TRUE(voice->lastText().contains(u"CPF"_s));
    EXPECT_FALSE(voice->lastText().contains(u"Digite seu CPF"_s)) << voice->lastText().toStdString();
}

// What clinic IT writes in /etc/clinico/totem.conf (docs/acessibilidade.md).
Result<TotemConfig> loadConfig(const QString &ini, const QStringList &flags = {})
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"totem.conf"_s));
    if (!file.open(QIODevice::WriteOnly))
        return makeError(u"test"_s, file.errorString());
    file.write(ini.toUtf8());
    file.close();
    QCommandLineParser parser;
    TotemConfig::addOptions(parser);
    parser.process(QStringList { u"clinico-totem"_s, u"--config"_s, file.fileName() } + flags);
    return TotemConfig::load(parser);
}

TEST(AudioGuideConfig, HeadphoneModeAndVolumeComeFromTheAudioSection)
{
    auto usual = loadConfig(u"[audio]\n"_s);
    ASSERT_TRUE(usual.ok()) << usual.error().message.toStdString();
    EXPECT_FALSE(usual->headphones) << "a loudspeaker unless IT says otherwise";
    EXPECT_EQ(usual->volume, 80);

    auto jack = loadConfig(u"[audio]\nheadphones=true\nvolume=55\n"_s);
    ASSERT_TRUE(jack.ok()) << jack.error().message.toStdString();
    EXPECT_TRUE(jack->headphones);
    EXPECT_EQ(jack->volume, 55);
    auto flag = loadConfig(u"[audio]\nheadphones=true\n"_s, { u"--headphones"_s, u"false"_s });
    ASSERT_TRUE(flag.ok());
    EXPECT_FALSE(flag->headphones) << "the flag overrides the file";

    auto typo = loadConfig(u"[audio]\nheadphones=sim\n"_s);
    ASSERT_FALSE(typo.ok());
    EXPECT_TRUE(typo.error().message.contains(u"audio/headphones"_s)) << typo.error().message.toStdString();
    EXPECT_FALSE(loadConfig(u"[audio]\nvolume=101\n"_s).ok());
}

TEST(AudioGuideConfig, ThePackagedExampleIsALoudspeaker)
{
    QFile packaged(QStringLiteral(CLINICO_TOTEM_CONF));
    ASSERT_TRUE(packaged.open(QIODevice::ReadOnly));
    auto config = loadConfig(QString::fromUtf8(packaged.readAll()));
    ASSERT_TRUE(config.ok()) << config.error().message.toStdString();
    EXPECT_FALSE(config->headphones);
    EXPECT_EQ(config->volume, 80);
}

// The item of that objectName under `item`, or null.
QQuickItem *findItem(QQuickItem *item, const QString &name)
{
    if (item->objectName() == name)
        return item;
    const auto children = item->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findItem(child, name))
            return found;
    }
    return nullptr;
}

// The colour farthest in contrast from `background` inside `rect` of the image: the ink.
QColor inkIn(const QImage &image, const QRect &rect, const QColor &background)
{
    QColor best = background;
    double bestRatio = 1;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const double r = contrastRatio(c, background);
            if (r > bestRatio) {
                bestRatio = r;
                best = c;
            }
        }
    }
    return best;
}

struct Size
{
    const char *name;
    QSize size;
    bool highContrast;
};

void PrintTo(const Size &size, std::ostream *os)
{
    *os << size.name;
}

class AudioGuideButton : public AudioGuideTest, public ::testing::WithParamInterface<Size>
{
};

TEST_P(AudioGuideButton, IsInsideTheWindowLegibleAndSevenToOne)
{
    start();
    if (GetParam().highContrast)
        flow().toggleHighVisibility();
    QQmlApplicationEngine engine;
    ASSERT_TRUE(app->loadUi(engine).ok());
    QQuickWindow *window = app->window();
    window->resize(GetParam().size);
    QTest::qWait(200); // layouts settle
    ASSERT_EQ(window->size(), GetParam().size);
    const QImage image = window->grabWindow();
    QDir().mkpath(QStringLiteral(CLINICO_SCREENSHOT_DIR));
    image.save(
        QStringLiteral(CLINICO_SCREENSHOT_DIR "/audio-guide-%1.png").arg(QLatin1String(GetParam().name)));

    QQuickItem *button = findItem(window->contentItem(), u"audioGuide"_s);
    QQuickItem *label = findItem(window->contentItem(), u"audioGuideLabel"_s);
    QQuickItem *icon = findItem(window->contentItem(), u"audioGuideIcon"_s);
    ASSERT_TRUE(button && label && icon);
    const QRectF windowRect(QPointF(0, 0), window->size());
    const QRectF b = button->mapRectToScene(QRectF(0, 0, button->width(), button->height()));
    EXPECT_TRUE(windowRect.contains(b)) << b.x() << "," << b.y() << " " << b.width() << "x" << b.height();
    const double unit = std::min(window->width(), window->height()) / 1080.0;
    EXPECT_GE(b.height(), 100 * unit) << "a touch target far above 15 mm";
    EXPECT_EQ(label->property("text").toString(), u"Ouvir instruções"_s);
    EXPECT_FALSE(label->property("truncated").toBool());
    // Its neighbour on the first screen keeps its whole label too.
    QQuickItem *highVisibility = findItem(window->contentItem(), u"highVisibility"_s);
    ASSERT_TRUE(highVisibility);
    const auto *highVisibilityLabel = highVisibility->property("contentItem").value<QQuickItem *>();
    ASSERT_TRUE(highVisibilityLabel);
    EXPECT_FALSE(highVisibilityLabel->property("truncated").toBool())
        << highVisibilityLabel->property("text").toString().toStdString();
    const QRectF h
        = highVisibility->mapRectToScene(QRectF(0, 0, highVisibility->width(), highVisibility->height()));
    EXPECT_TRUE(windowRect.contains(h));
    EXPECT_FALSE(h.intersects(b)) << "the two buttons do not overlap";
    // Text height: the capitals of a 36 px (at 1080) bold label, as the other buttons.
    EXPECT_GE(label->property("font").value<QFont>().pixelSize(), std::floor(36 * unit));
    const QRectF i = icon->mapRectToScene(QRectF(0, 0, icon->width(), icon->height()));
    EXPECT_GE(i.height(), 60 * unit) << "the speaker pictogram is large enough to be seen";
    EXPECT_TRUE(b.contains(i));

    // Measured on the pixels: the button's face against its label and its pictogram.
    const int border = int(std::ceil(4 * unit)) + 3;
    const QColor face = image.pixelColor(int(b.left()) + border + 2, int(b.center().y()));
    const QRect labelRect = label->mapRectToScene(QRectF(0, 0, label->width(), label->height())).toRect();
    const QRect iconRect = i.toRect();
    const double textRatio = contrastRatio(inkIn(image, labelRect, face), face);
    const double iconRatio = contrastRatio(inkIn(image, iconRect, face), face);
    std::cout << "[ figure ] " << GetParam().name << ": label " << textRatio << ":1, pictogram " << iconRatio
              << ":1, button " << b.width() << "x" << b.height() << " px, label "
              << label->property("font").value<QFont>().pixelSize() << " px\n";
    EXPECT_GE(textRatio, kTextContrast) << "label " << textRatio << ":1";
    EXPECT_GE(iconRatio, kTextContrast) << "pictogram " << iconRatio << ":1";
    const QColor around = image.pixelColor(int(b.left()) - 4, int(b.center().y()));
    const QColor edge = inkIn(image, QRect(int(b.left()), int(b.center().y()), border, 1), around);
    EXPECT_GE(contrastRatio(edge, around), kNonTextContrast) << "the button's edge against the screen";
}

INSTANTIATE_TEST_SUITE_P(Totem, AudioGuideButton,
    ::testing::Values(Size { "portrait", { 1080, 1920 }, false }, Size { "landscape", { 1920, 1080 }, false },
        Size { "small", { 1280, 720 }, false }, Size { "portrait_high_contrast", { 1080, 1920 }, true },
        Size { "small_high_contrast", { 1280, 720 }, true }),
    [](const ::testing::TestParamInfo<Size> &p) { return std::string(p.param.name); });

} // namespace
