// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/queuestore.h"
#include "support/testdatabase.h"

namespace clinico::test {

// Opens an in-process store on the engine the tests run on (testdatabase.h), its data and
// patient key in `dir`.
inline Status openTestStore(server::QueueStore &store, const QString &dir)
{
    auto address = server::DatabaseAddress::parse(testDatabaseFor(dir));
    if (!address)
        return address.error();
    return store.open(*address, dir + QStringLiteral("/keys/patient.keys"));
}

} // namespace clinico::test
