// SPDX-License-Identifier: GPL-3.0-or-later
#include "feed/callhistorymodel.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::tv;
using namespace Qt::StringLiterals;

namespace {

protocol::CallAnnouncement call(qint64 id)
{
    protocol::CallAnnouncement c;
    c.ticketId = id;
    c.code = u"CN%1"_s.arg(id);
    c.counterName = u"Guichê %1"_s.arg(id);
    c.calledAtMs = id * 1000;
    return c;
}

TEST(CallHistoryModel, ANewCallIsOneInsertedRowNotAReset)
{
    CallHistoryModel model;
    model.setCalls({ call(3), call(2), call(1) });
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setCalls({ call(4), call(3), call(2) });
    EXPECT_EQ(inserted.size(), 1);
    EXPECT_EQ(removed.size(), 1);
    EXPECT_EQ(reset.size(), 0);
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.data(model.index(0), CallHistoryModel::CodeRole).toString(), u"CN4"_s);
    EXPECT_EQ(model.data(model.index(0), CallHistoryModel::DestinationRole).toString(), u"Guichê 4"_s);
    EXPECT_EQ(model.data(model.index(2), CallHistoryModel::CodeRole).toString(), u"CN2"_s);
}

TEST(CallHistoryModel, UnrelatedListResets)
{
    CallHistoryModel model;
    model.setCalls({ call(3), call(2) });
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setCalls({ call(9), call(8) });
    EXPECT_EQ(reset.size(), 1);
    EXPECT_EQ(model.rowCount(), 2);
    model.setCalls({});
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(CallHistoryModel, GrowingListAppends)
{
    CallHistoryModel model;
    model.setCalls({ call(3) });
    model.setCalls({ call(4), call(3), call(2) });
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.data(model.index(2), CallHistoryModel::CodeRole).toString(), u"CN2"_s);
}

} // namespace
