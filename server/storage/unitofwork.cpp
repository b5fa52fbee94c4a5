// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/unitofwork.h"

namespace clinico::server {

void UnitOfWork::publish(const QList<protocol::Event> &events)
{
    if (!onEventCommitted)
        return;
    for (const protocol::Event &e : events)
        onEventCommitted(e);
}

Error UnitOfWork::foreignTransaction()
{
    return makeError(QStringLiteral("storage_error"),
        QStringLiteral("Erro interno: escrita dentro de uma transação aberta fora da unidade de trabalho."),
        500);
}

} // namespace clinico::server
