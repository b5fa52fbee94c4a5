// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/procstatus.h"

namespace clinico::bench {

// A process's resident memory (VmRSS) in KiB, from /proc; -1 when it cannot be read.
inline qint64 residentKiB(qint64 pid)
{
    return test::procStatusKiB(pid, "VmRSS");
}

} // namespace clinico::bench
