// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

namespace clinico::server {

// What every store answers for an id it does not hold ("Serviço 7", "Senha 12"): a 404.
inline Error notFound(const QString &what)
{
    return makeError(QStringLiteral("not_found"), QStringLiteral("%1 não encontrado(a).").arg(what), 404);
}

} // namespace clinico::server
