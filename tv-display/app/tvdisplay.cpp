// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/tvdisplay.h"

#include "announce/announcementqueue.h"
#include "feed/callfeed.h"

#include <QLocale>

namespace clinico::tv {

using protocol::CallAnnouncement;

TvDisplay *TvDisplay::s_instance = nullptr;

namespace {
bool sameCall(const CallAnnouncement &a, const CallAnnouncement &b)
{
    return a.ticketId == b.ticketId && a.calledAtMs == b.calledAtMs;
}
} // namespace

TvDisplay::TvDisplay(const Clock &clock, Options options, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_options(std::move(options))
{
    m_offlineTimer.setSingleShot(true);
    connect(&m_offlineTimer, &QTimer::timeout, this, [this] {
        m_offlineSign = true;
        Q_EMIT connectionChanged();
    });
    m_offlineTimer.start(m_options.offlineSignAfterMs);
    m_clockTimer.setInterval(1000);
    connect(&m_clockTimer, &QTimer::timeout, this, &TvDisplay::tick);
    m_clockTimer.start();
    m_now = m_clock.now().toLocalTime();
}

TvDisplay::~TvDisplay()
{
    if (s_instance == this)
        s_instance = nullptr;
}

TvDisplay *TvDisplay::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "TvDisplay::create", "main() must make the TvDisplay before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void TvDisplay::attach(CallFeed *feed, AnnouncementQueue *queue)
{
    m_feed = feed;
    m_queue = queue;
    connect(feed, &CallFeed::callAdded, this, &TvDisplay::refresh);
    connect(feed, &CallFeed::callsReset, this, &TvDisplay::refresh);
    connect(feed, &CallFeed::settingsChanged, this, &TvDisplay::settingsChanged);
    connect(feed, &CallFeed::logoChanged, this, &TvDisplay::updateLogo);
    if (queue) {
        connect(queue, &AnnouncementQueue::started, this, [this](const CallAnnouncement &call) {
            m_announcing = call;
            m_highlighted = true;
            refresh();
            Q_EMIT highlightedChanged();
        });
        connect(queue, &AnnouncementQueue::finished, this, [this] {
            m_announcing.reset();
            m_highlighted = false;
            refresh();
            Q_EMIT highlightedChanged();
        });
    }
    refresh();
    updateLogo();
    Q_EMIT settingsChanged();
}

void TvDisplay::refresh()
{
    const QList<CallAnnouncement> empty;
    const QList<CallAnnouncement> &calls = m_feed ? m_feed->calls() : empty;
    std::optional<CallAnnouncement> current = m_announcing;
    if (!current && !calls.isEmpty())
        current = calls.first();
    QList<CallAnnouncement> history;
    for (const CallAnnouncement &c : calls) {
        if (history.size() >= m_options.historySize)
            break;
        if (!current || !sameCall(c, *current))
            history << c;
    }
    const bool changed
        = current.has_value() != m_current.has_value() || (current && !sameCall(*current, *m_current));
    m_current = current;
    m_history.setCalls(history);
    if (changed)
        Q_EMIT currentChanged();
}

void TvDisplay::setConnected(bool connected)
{
    if (connected == m_connected)
        return;
    m_connected = connected;
    if (connected) {
        m_offlineTimer.stop();
        m_offlineSign = false;
    } else {
        m_offlineTimer.start(m_options.offlineSignAfterMs);
    }
    Q_EMIT connectionChanged();
}

QString TvDisplay::today() const
{
    const QLocale locale(m_options.language);
    const bool dayFirst = locale.language() != QLocale::English;
    return locale.toString(
        m_now.date(), dayFirst ? QStringLiteral("dddd, d 'de' MMMM") : QStringLiteral("dddd, MMMM d"));
}

void TvDisplay::tick()
{
    m_now = m_clock.now().toLocalTime();
    Q_EMIT nowChanged();
}

QString TvDisplay::clinicName() const
{
    return m_feed ? m_feed->settings().clinicName : QString();
}

QString TvDisplay::notice() const
{
    return m_feed ? m_feed->settings().notice : QString();
}

QString TvDisplay::logoSource() const
{
    QMutexLocker lock(&m_logoMutex);
    return m_logo.isNull() ? QString() : QStringLiteral("image://clinico-tv/logo/%1").arg(m_logoGeneration);
}

QImage TvDisplay::logo() const
{
    QMutexLocker lock(&m_logoMutex);
    return m_logo;
}

void TvDisplay::updateLogo()
{
    const QByteArray bytes = m_feed ? m_feed->logo() : QByteArray();
    QImage image;
    if (!bytes.isEmpty() && !image.loadFromData(bytes))
        image = QImage();
    {
        QMutexLocker lock(&m_logoMutex);
        if (image.isNull() && m_logo.isNull())
            return;
        m_logo = image;
        ++m_logoGeneration; // a new URL, so QML does not show its cached copy of the old one
    }
    Q_EMIT logoChanged();
}

} // namespace clinico::tv
