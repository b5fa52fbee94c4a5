// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "feed/callhistorymodel.h"
#include "protocol/messages.h"

#include <QDateTime>
#include <QImage>
#include <QMutex>
#include <QObject>
#include <QQmlEngine>
#include <QTimer>

namespace clinico::tv {

class AnnouncementQueue;
class CallFeed;

// What the TV screen shows, for QML (import Clinico.Tv; Tv.currentCode ...).
// The current call is the one being announced (so what is heard is what is seen), or the
// newest when nothing is being announced; the history is every other recent call-out.
class TvDisplay : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Tv)
    QML_SINGLETON

    Q_PROPERTY(QString clinicName READ clinicName NOTIFY settingsChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY settingsChanged)
    Q_PROPERTY(QString logoSource READ logoSource NOTIFY logoChanged)
    Q_PROPERTY(bool hasCurrent READ hasCurrent NOTIFY currentChanged)
    Q_PROPERTY(QString currentCode READ currentCode NOTIFY currentChanged)
    Q_PROPERTY(QString currentDestination READ currentDestination NOTIFY currentChanged)
    Q_PROPERTY(QString currentService READ currentService NOTIFY currentChanged)
    Q_PROPERTY(QString currentName READ currentName NOTIFY currentChanged)
    Q_PROPERTY(bool currentRecall READ currentRecall NOTIFY currentChanged)
    Q_PROPERTY(bool highlighted READ highlighted NOTIFY highlightedChanged)
    Q_PROPERTY(clinico::tv::CallHistoryModel *history READ history CONSTANT)
    Q_PROPERTY(int historySize READ historySize CONSTANT)
    Q_PROPERTY(QString layout READ layout CONSTANT)
    Q_PROPERTY(bool windowed READ windowed CONSTANT)
    Q_PROPERTY(QString language READ language CONSTANT)
    Q_PROPERTY(bool connected READ connected NOTIFY connectionChanged)
    Q_PROPERTY(bool offlineSignVisible READ offlineSignVisible NOTIFY connectionChanged)
    Q_PROPERTY(QDateTime now READ now NOTIFY nowChanged)
    // Today's weekday and date, without the year, in the TV's language ("terça-feira, 24 de
    // novembro"): short enough to be large in the header.
    Q_PROPERTY(QString today READ today NOTIFY nowChanged)

public:
    struct Options
    {
        int historySize = 8;
        QString layout = QStringLiteral("auto");
        int offlineSignAfterMs = 10000;
        bool windowed = false;
        QString language = QStringLiteral("pt_BR");
    };

    TvDisplay(const Clock &clock, Options options, QObject *parent = nullptr);
    ~TvDisplay() override;

    void attach(CallFeed *feed, AnnouncementQueue *queue);
    void setConnected(bool connected);

    // QML_SINGLETON: QML gets the instance main() (or a test) made.
    static TvDisplay *create(QQmlEngine *, QJSEngine *);
    static void setInstance(TvDisplay *display) { s_instance = display; }

    QString clinicName() const;
    QString notice() const;
    // "image://clinico-tv/logo/N" while there is a logo (LogoImageProvider serves it), else "".
    QString logoSource() const;
    QImage logo() const; // any thread
    bool hasCurrent() const { return m_current.has_value(); }
    QString currentCode() const { return m_current ? m_current->code : QString(); }
    QString currentDestination() const { return m_current ? m_current->counterName : QString(); }
    QString currentService() const { return m_current ? m_current->serviceName : QString(); }
    QString currentName() const { return m_current ? m_current->displayName : QString(); }
    bool currentRecall() const { return m_current && m_current->recall; }
    bool highlighted() const { return m_highlighted; }
    CallHistoryModel *history() { return &m_history; }
    int historySize() const { return m_options.historySize; }
    QString layout() const { return m_options.layout; }
    bool windowed() const { return m_options.windowed; }
    QString language() const { return m_options.language; }
    bool connected() const { return m_connected; }
    bool offlineSignVisible() const { return m_offlineSign; }
    QDateTime now() const { return m_now; }
    QString today() const;
    void tick();

Q_SIGNALS:
    void settingsChanged();
    void logoChanged();
    void currentChanged();
    void highlightedChanged();
    void connectionChanged();
    void nowChanged();

private:
    void refresh();
    void updateLogo();

    static TvDisplay *s_instance;
    const Clock &m_clock;
    Options m_options;
    CallFeed *m_feed = nullptr;
    AnnouncementQueue *m_queue = nullptr;
    std::optional<protocol::CallAnnouncement> m_current;
    std::optional<protocol::CallAnnouncement> m_announcing;
    CallHistoryModel m_history;
    bool m_highlighted = false;
    bool m_connected = false;
    bool m_offlineSign = false;
    QTimer m_offlineTimer;
    QTimer m_clockTimer;
    QDateTime m_now;
    mutable QMutex m_logoMutex;
    QImage m_logo;
    int m_logoGeneration = 0;
};

} // namespace clinico::tv
