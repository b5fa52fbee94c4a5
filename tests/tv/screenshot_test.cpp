// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the TV at 1920x1080, 1280x720 and 1080x1920 with a current call, a full history,
// the notice and the offline sign, and writes the PNGs into the build tree
// (tests/tv/screenshots/) for a person to look at from "8 metres" (zoomed out). On each, every
// text the waiting room must read is measured: its capital letters must be tall enough to be
// read from the back row.
#include "announce/announcementqueue.h"
#include "app/logoimageprovider.h"
#include "app/tvdisplay.h"
#include "feed/callfeed.h"
#include "support/testclients.h"

#include <QtQml/qqmlextensionplugin.h>

#include <QBuffer>
#include <QDir>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QTimeZone>

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

Q_IMPORT_QML_PLUGIN(Clinico_TvPlugin)

using namespace clinico;
using namespace clinico::tv;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow(QDate(2026, 11, 24), QTime(14, 7), Qt::UTC);

CallAnnouncement call(qint64 id, const QString &code, const QString &counter, const QString &service,
    int minutesAgo, bool recall = false, const QString &name = {})
{
    CallAnnouncement c;
    c.ticketId = id;
    c.code = code;
    c.counterName = counter;
    c.serviceName = service;
    c.serviceId = 1;
    c.counterId = 1;
    c.recall = recall;
    c.displayName = name;
    c.calledAtMs = kNow.addSecs(-60 * minutesAgo).toMSecsSinceEpoch();
    return c;
}

// A stand-in for a clinic's logo: a white cross on a green rounded square.
QByteArray clinicLogo()
{
    QImage img(240, 240, QImage::Format_ARGB32);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(QColor(0x2a, 0x9d, 0x8f));
    p.setPen(Qt::NoPen);
    p.drawRoundedRect(QRectF(0, 0, 240, 240), 48, 48);
    p.setBrush(Qt::white);
    p.drawRect(QRectF(95, 40, 50, 160));
    p.drawRect(QRectF(40, 95, 160, 50));
    p.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "PNG");
    return png;
}

// How tall a text must be, measured as the height of its capital letters on the screen the
// issue measured, a 50" 16:9 TV (62.3 cm on its short side), read from 8 m. Letters subtend
// h / 8 m: 25 mm is 10.7 minutes of arc, twice the 5' of a 20/20 Snellen letter, so it can be
// read with 20/40 vision (common past 60, the driving limit in many countries); 20 mm (8.6')
// for what supports it. The layout scales with the short side, so the same holds on any
// resolution, and proportionally on other sizes.
constexpr double kShortSideMm = 623.0;
struct TextRule
{
    const char *role; // the Text's objectName
    double minimumCapMm;
};
constexpr TextRule kTextRules[] = {
    { "currentCode", 60 }, // the call: as large as the panel allows
    { "currentDestination", 35 },
    { "historyCode", 25 }, // the key facts of the last calls
    { "historyDestination", 25 },
    { "currentLabel", 20 }, // "Senha", "Chamando novamente"
    { "currentService", 20 },
    { "currentName", 20 },
    { "historyCaption", 20 }, // "chamada repetida", a name
    { "waiting", 20 },
    { "clinicName", 20 },
    { "clock", 20 },
    { "date", 20 },
    { "notice", 20 },
};

// The height of a text's capitals as drawn (after any fitting to its box), in millimetres on
// a 50" screen of this resolution.
double capHeightMm(const QQuickItem *text, QSize screen)
{
    QFont font = text->property("font").value<QFont>();
    font.setPixelSize(100);
    const QFontMetricsF metrics(font);
    const int lines = std::max(1, text->property("lineCount").toInt());
    const double lineHeight = text->property("contentHeight").toReal() / lines;
    const double pixelSize = lineHeight / metrics.height() * 100;
    const double capHeightPx = pixelSize * metrics.tightBoundingRect(QStringLiteral("H")).height() / 100;
    return capHeightPx * kShortSideMm / std::min(screen.width(), screen.height());
}

struct MeasuredText
{
    QString role;
    QString text;
    double capMm;
    bool truncated;
};

void collectTexts(const QQuickItem *item, QList<MeasuredText> &out, QSize screen)
{
    if (!item->isVisible() || item->opacity() <= 0)
        return;
    if (item->inherits("QQuickText") && !item->objectName().isEmpty()
        && !item->property("text").toString().isEmpty())
        out << MeasuredText { item->objectName(), item->property("text").toString(),
            capHeightMm(item, screen), item->property("truncated").toBool() };
    const auto children = item->childItems();
    for (const QQuickItem *child : children)
        collectTexts(child, out, screen);
}

// Every text with a rule is at least as tall as it says, and none is cut short; the texts
// named in `shown` are on screen (a renamed or missing one must not pass unmeasured).
void expectLegibleFromTheBackRow(const QQuickView &view, const QString &where, const QStringList &shown)
{
    QList<MeasuredText> texts;
    collectTexts(view.rootObject(), texts, view.size());
    for (const QString &role : shown)
        EXPECT_TRUE(
            std::any_of(texts.begin(), texts.end(), [&](const MeasuredText &t) { return t.role == role; }))
            << where.toStdString() << ": no " << role.toStdString() << " on screen";
    for (const MeasuredText &t : std::as_const(texts)) {
        const auto rule = std::find_if(std::begin(kTextRules), std::end(kTextRules),
            [&](const TextRule &r) { return t.role == QLatin1String(r.role); });
        if (rule == std::end(kTextRules))
            continue;
        std::cout << where.toStdString() << ": " << t.role.toStdString() << " \"" << t.text.toStdString()
                  << "\" capitals " << QString::number(t.capMm, 'f', 1).toStdString() << " mm\n";
        EXPECT_GE(t.capMm, rule->minimumCapMm)
            << where.toStdString() << ": " << t.role.toStdString() << " \"" << t.text.toStdString() << "\"";
        EXPECT_FALSE(t.truncated) << where.toStdString() << ": " << t.role.toStdString() << " \""
                                  << t.text.toStdString() << "\" is cut short";
    }
}

struct Screen
{
    QSize size;
    QString name;
};

class Screenshots : public ::testing::TestWithParam<Screen>
{
protected:
    void SetUp() override { QDir().mkpath(outDir()); }
    static QString outDir() { return QStringLiteral(CLINICO_SCREENSHOT_DIR); }

    // A clinic mid-morning: a full history, one call being announced.
    void populate(CallFeed &feed, bool withCurrent, bool names = false)
    {
        Snapshot s;
        s.seq = 40;
        s.settings.clinicName = u"Clínica Boa Saúde"_s;
        s.settings.logoUrl = u"/logo.png"_s;
        s.settings.notice = u"Use máscara nas dependências da clínica. Dúvidas? Fale com a recepção."_s;
        s.recentCalls = {
            call(9, u"EN004"_s, u"Sala de Coleta 2"_s, u"Exames"_s, 2, false,
                names ? u"João P."_s : QString()),
            call(8, u"CP007"_s, u"Consultório 5"_s, u"Consulta médica"_s, 3, true),
            call(7, u"RN012"_s, u"Guichê 1"_s, u"Recepção"_s, 4),
            call(6, u"CS002"_s, u"Consultório 3"_s, u"Consulta médica"_s, 6),
            call(5, u"RP003"_s, u"Guichê 2"_s, u"Recepção"_s, 7),
            call(4, u"EN003"_s, u"Sala de Coleta 1"_s, u"Exames"_s, 9),
            call(3, u"CN011"_s, u"Consultório 4"_s, u"Consulta médica"_s, 11),
            call(2, u"RN011"_s, u"Guichê 3"_s, u"Recepção"_s, 12),
        };
        feed.applySnapshot(s);
        if (withCurrent) {
            Event e;
            e.seq = 41;
            e.kind = EventKind::TicketCalled;
            e.data = call(10, u"CP012"_s, u"Consultório 3"_s, u"Consulta médica"_s, 0, false,
                names ? u"Maria S."_s : QString())
                         .toJson();
            feed.applyEvent(e);
        }
    }

    QImage render(TvDisplay &display, QSize size, const QString &what = {}, const QStringList &shown = {})
    {
        TvDisplay::setInstance(&display);
        QQuickView view;
        view.engine()->addImageProvider(LogoImageProvider::providerId(), new LogoImageProvider(&display));
        view.setResizeMode(QQuickView::SizeRootObjectToView);
        view.setSource(QUrl(u"qrc:/qt/qml/Clinico/Tv/TvView.qml"_s));
        EXPECT_EQ(view.status(), QQuickView::Ready);
        view.resize(size);
        view.show();
        // Let bindings settle and colour animations finish.
        test::spinUntil([] { return false; }, 900);
        if (!what.isEmpty())
            expectLegibleFromTheBackRow(view, what, shown);
        return view.grabWindow();
    }

    // A 50" screen 8 m away spans about 8 degrees: some 480 details across at normal acuity.
    // What survives this blur is what the back row can read.
    static void saveAsSeenFromEightMetres(const QImage &img, const QString &name)
    {
        const int across = img.width() > img.height() ? 480 : 270;
        img.scaledToWidth(across, Qt::SmoothTransformation)
            .scaledToWidth(img.width() / 2, Qt::SmoothTransformation)
            .save(outDir() + u"/%1-as-seen-from-8m.png"_s.arg(name));
    }

    static void expectNotBlank(const QImage &img)
    {
        ASSERT_FALSE(img.isNull());
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 7)
            for (int x = 0; x < img.width(); x += 7)
                colours.insert(img.pixel(x, y));
        EXPECT_GT(colours.size(), 20) << "the screen looks empty";
    }
};

TEST_P(Screenshots, CurrentCallHighlightedWithFullHistory)
{
    const Screen screen = GetParam();
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, CallFeed::Options {});
    AnnouncementQueue::Options qo;
    qo.minPresentMs = 60000;
    AnnouncementQueue queue(nullptr, clock, qo);
    QObject::connect(&feed, &CallFeed::announceRequested, &queue, &AnnouncementQueue::enqueue);
    TvDisplay display(clock, TvDisplay::Options { 6, u"auto"_s, 3600000, true, u"pt_BR"_s });
    display.attach(&feed, &queue);
    display.setConnected(true);
    populate(feed, true);
    feed.applyLogo(u"/logo.png"_s, clinicLogo());
    ASSERT_FALSE(display.logoSource().isEmpty());
    ASSERT_TRUE(display.highlighted());
    ASSERT_EQ(display.currentCode(), u"CP012"_s);
    ASSERT_EQ(display.history()->rowCount(), 6);
    const QImage img = render(display, screen.size, u"current %1"_s.arg(screen.name),
        { u"clinicName"_s, u"clock"_s, u"date"_s, u"currentLabel"_s, u"currentCode"_s,
            u"currentDestination"_s, u"currentService"_s, u"historyCode"_s, u"historyDestination"_s,
            u"historyCaption"_s, u"notice"_s });
    expectNotBlank(img);
    EXPECT_EQ(img.size(), screen.size);
    img.save(outDir() + u"/tv-%1-current.png"_s.arg(screen.name));
    saveAsSeenFromEightMetres(img, u"tv-%1-current"_s.arg(screen.name));
}

TEST_P(Screenshots, CalmStateWithOfflineSign)
{
    const Screen screen = GetParam();
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, CallFeed::Options {});
    TvDisplay display(clock, TvDisplay::Options { 6, u"auto"_s, 0, true, u"pt_BR"_s });
    display.attach(&feed, nullptr);
    populate(feed, false, true);
    test::spinUntil([&] { return display.offlineSignVisible(); }, 1000);
    ASSERT_TRUE(display.offlineSignVisible());
    ASSERT_FALSE(display.highlighted());
    const QImage img = render(display, screen.size, u"offline %1"_s.arg(screen.name),
        { u"clinicName"_s, u"date"_s, u"currentCode"_s, u"currentName"_s, u"currentDestination"_s,
            u"historyCode"_s, u"historyDestination"_s, u"historyCaption"_s });
    expectNotBlank(img);
    img.save(outDir() + u"/tv-%1-offline.png"_s.arg(screen.name));
    saveAsSeenFromEightMetres(img, u"tv-%1-offline"_s.arg(screen.name));
}

TEST_P(Screenshots, FreshTvWithNothingCalledYet)
{
    const Screen screen = GetParam();
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, CallFeed::Options {});
    TvDisplay display(clock, TvDisplay::Options { 6, u"auto"_s, 3600000, true, u"pt_BR"_s });
    display.attach(&feed, nullptr);
    DisplaySettings s;
    s.clinicName = u"Clínica Boa Saúde"_s;
    feed.applySettings(s);
    EXPECT_FALSE(display.hasCurrent());
    const QImage img = render(display, screen.size, u"empty %1"_s.arg(screen.name),
        { u"clinicName"_s, u"clock"_s, u"date"_s, u"waiting"_s });
    expectNotBlank(img);
    img.save(outDir() + u"/tv-%1-empty.png"_s.arg(screen.name));
}

// The hard case: a recall, an offline ticket code and a long room name, on the smallest screen.
TEST(ScreenshotsHardCase, RecallWithALongDestinationStillFits)
{
    ManualClock clock(kNow);
    CallFeed feed(nullptr, clock, CallFeed::Options {});
    AnnouncementQueue::Options qo;
    qo.minPresentMs = 60000;
    AnnouncementQueue queue(nullptr, clock, qo);
    QObject::connect(&feed, &CallFeed::announceRequested, &queue, &AnnouncementQueue::enqueue);
    TvDisplay display(clock, TvDisplay::Options { 6, u"auto"_s, 0, true, u"pt_BR"_s });
    display.attach(&feed, &queue);
    Snapshot s;
    s.seq = 1;
    s.settings.clinicName = u"Hospital Municipal de Especialidades Doutor João Batista de Oliveira"_s;
    s.recentCalls = { call(
        1, u"CN-T1-014"_s, u"Sala de Coleta de Exames Laboratoriais 12"_s, u"Exames laboratoriais"_s, 3) };
    feed.applySnapshot(s);
    Event e;
    e.seq = 2;
    e.kind = EventKind::TicketCalled;
    e.data = call(2, u"CN-T1-014"_s, u"Sala de Coleta de Exames Laboratoriais 12"_s,
        u"Exames laboratoriais"_s, 0, true, u"Maria S."_s)
                 .toJson();
    feed.applyEvent(e);
    ASSERT_TRUE(display.currentRecall());
    TvDisplay::setInstance(&display);
    QQuickView view;
    view.setResizeMode(QQuickView::SizeRootObjectToView);
    view.setSource(QUrl(u"qrc:/qt/qml/Clinico/Tv/TvView.qml"_s));
    ASSERT_EQ(view.status(), QQuickView::Ready);
    view.resize(1280, 720);
    view.show();
    test::spinUntil([] { return false; }, 900);
    const QImage img = view.grabWindow();
    ASSERT_FALSE(img.isNull());
    QDir().mkpath(QStringLiteral(CLINICO_SCREENSHOT_DIR));
    img.save(QStringLiteral(CLINICO_SCREENSHOT_DIR) + u"/tv-1280x720-recall-long-names.png"_s);
}

INSTANTIATE_TEST_SUITE_P(Tv, Screenshots,
    ::testing::Values(Screen { QSize(1920, 1080), u"1920x1080"_s },
        Screen { QSize(1280, 720), u"1280x720"_s }, Screen { QSize(1080, 1920), u"portrait-1080x1920"_s }),
    [](const ::testing::TestParamInfo<Screen> &p) {
        return std::to_string(p.param.size.width()) + "x" + std::to_string(p.param.size.height());
    });

} // namespace
