// SPDX-License-Identifier: GPL-3.0-or-later
#include "feed/callhistorymodel.h"

#include <QDateTime>

namespace clinico::tv {

namespace {
bool sameCall(const protocol::CallAnnouncement &a, const protocol::CallAnnouncement &b)
{
    return a.ticketId == b.ticketId && a.calledAtMs == b.calledAtMs;
}
} // namespace

int CallHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_calls.size());
}

QVariant CallHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_calls.size())
        return {};
    const protocol::CallAnnouncement &c = m_calls.at(index.row());
    switch (role) {
    case CodeRole:
        return c.code;
    case DestinationRole:
        return c.counterName;
    case ServiceRole:
        return c.serviceName;
    case NameRole:
        return c.displayName;
    case RecallRole:
        return c.recall;
    case CalledAtRole:
        return QDateTime::fromMSecsSinceEpoch(c.calledAtMs);
    default:
        return {};
    }
}

QHash<int, QByteArray> CallHistoryModel::roleNames() const
{
    return { { CodeRole, "code" }, { DestinationRole, "destination" }, { ServiceRole, "service" },
        { NameRole, "displayName" }, { RecallRole, "recall" }, { CalledAtRole, "calledAt" } };
}

void CallHistoryModel::setCalls(const QList<protocol::CallAnnouncement> &calls)
{
    // How many new rows sit on top of the old list?
    qsizetype added = -1;
    if (m_calls.isEmpty()) {
        added = calls.size();
    } else {
        for (qsizetype k = 0; k <= calls.size(); ++k) {
            if (k < calls.size() && sameCall(calls.at(k), m_calls.first())) {
                added = k;
                break;
            }
        }
    }
    bool shifted = added >= 0;
    for (qsizetype i = 0; shifted && added + i < calls.size() && i < m_calls.size(); ++i)
        shifted = sameCall(calls.at(added + i), m_calls.at(i));
    if (!shifted) {
        beginResetModel();
        m_calls = calls;
        endResetModel();
        return;
    }
    if (added > 0) {
        beginInsertRows({}, 0, int(added) - 1);
        m_calls = calls.mid(0, added) + m_calls;
        endInsertRows();
    }
    if (m_calls.size() > calls.size()) {
        beginRemoveRows({}, int(calls.size()), int(m_calls.size()) - 1);
        m_calls.resize(calls.size());
        endRemoveRows();
    } else if (m_calls.size() < calls.size()) {
        beginInsertRows({}, int(m_calls.size()), int(calls.size()) - 1);
        m_calls = calls;
        endInsertRows();
    }
}

} // namespace clinico::tv
