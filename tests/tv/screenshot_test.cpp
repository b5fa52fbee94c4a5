// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the TV at 1920x1080, 1280x720 and 1080x1920 with a current call, a full history,
// the notice and the offline sign, and writes the PNGs into the build tree
// (tests/tv/screenshots/) for a person to look at from "8 metres" (zoomed out).
#include "announce/announcementqueue.h"
#include "app/logoimageprovider.h"
#include "app/tvdisplay.h"
#include "feed/callfeed.h"
#include "support/testclients.h"

#include <QtQml/qqmlextensionplugin.h>

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QQmlEngine>
#include <QQuickView>
#include <QTimeZone>

#include <gtest/gtest.h>

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

    QImage render(TvDisplay &display, QSize size)
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
    const QImage img = render(display, screen.size);
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
    const QImage img = render(display, screen.size);
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
    const QImage img = render(display, screen.size);
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
    display.setOfflineDetail(u"token recusado pelo servidor"_s);
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
