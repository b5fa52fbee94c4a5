// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"

#include <QAbstractListModel>
#include <QQmlEngine>

namespace clinico::tv {

// The previous call-outs under the current one, newest first.
class CallHistoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by Tv")
public:
    enum Role {
        CodeRole = Qt::UserRole + 1,
        DestinationRole,
        ServiceRole,
        NameRole,
        RecallRole,
        CalledAtRole
    };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Inserts what is new at the top and trims the bottom when the list only moved on by a few
    // call-outs (the usual case, so the view animates one row); resets otherwise.
    void setCalls(const QList<protocol::CallAnnouncement> &calls);
    const QList<protocol::CallAnnouncement> &calls() const { return m_calls; }

private:
    QList<protocol::CallAnnouncement> m_calls;
};

} // namespace clinico::tv
