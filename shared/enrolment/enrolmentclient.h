// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/httplane.h"
#include "protocol/messages.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace clinico {

// A kiosk with no token getting one by code (docs/protocol.md, "Enrolment"): redeems the code
// of a clinico-enrol.conf if it was given one; otherwise (or when that code is refused) asks
// the server for an enrolment, shows its code (and a QR of the console link with the code in it), polls
// until an admin approves it, stores the token (StoredToken) and says `enrolled`. A refused
// or expired code is replaced by a new one; a server that does not answer is asked again.
// QML shows what the properties say and nothing more (EnrolmentScreen.qml).
class EnrolmentClient : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("made by the kiosk app (EnrolmentScreen)")
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(QString role READ role CONSTANT)
    Q_PROPERTY(QString code READ code NOTIFY changed)
    Q_PROPERTY(QString detail READ detail NOTIFY changed)
    Q_PROPERTY(QString serverUrl READ serverUrl CONSTANT)
    Q_PROPERTY(QString hostname READ hostname CONSTANT)
    Q_PROPERTY(int qrSize READ qrSize NOTIFY changed)
    Q_PROPERTY(QList<bool> qrModules READ qrModules NOTIFY changed)
public:
    // What `status` says.
    static inline const QString Requesting = QStringLiteral("requesting"); // no code yet
    static inline const QString Waiting = QStringLiteral("waiting"); // showing a code
    static inline const QString Refused = QStringLiteral("refused"); // an admin said no; new code soon
    static inline const QString Unreachable = QStringLiteral("unreachable"); // `detail` says why
    static inline const QString Enrolled = QStringLiteral("enrolled");

    struct Options
    {
        QUrl server;
        QString role; // totem or tv
        QString version;
        QString dataDir; // where the token is stored
        HttpOptions http; // CA file, pinning; never a token
        QString preapprovedCode; // from clinico-enrol.conf: redeemed first, no one needs to look
        int retryMs = 5000;
        int refusedPauseMs = 10000; // how long "refused" stays on screen before a new code
    };
    explicit EnrolmentClient(Options options, QObject *parent = nullptr);
    ~EnrolmentClient() override;

    void start();

    QString status() const { return m_status; }
    QString role() const { return m_options.role; }
    QString code() const { return m_ticket.code; }
    QString detail() const { return m_detail; }
    QString serverUrl() const { return m_options.server.toString(); }
    QString hostname() const;
    int qrSize() const { return m_qrSize; }
    QList<bool> qrModules() const { return m_qrModules; }
    QString token() const { return m_token; }

Q_SIGNALS:
    void changed();
    void enrolled(const QString &token);

private:
    void redeem();
    void requestCode();
    void poll();
    void finish(const protocol::EnrolmentState &state);
    void setStatus(const QString &status, const QString &detail = {});
    void retryLater(const QString &why, void (EnrolmentClient::*again)());
    protocol::EnrolmentRequest describe() const;
    void encodeQr();
    QString url(const QString &path) const;

    Options m_options;
    HttpLane m_lane;
    QTimer m_timer;
    QString m_status = Requesting;
    QString m_detail;
    protocol::EnrolmentTicket m_ticket;
    QString m_token;
    int m_qrSize = 0;
    QList<bool> m_qrModules;
};

} // namespace clinico
