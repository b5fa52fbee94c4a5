// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/translation.h"

#include <QTranslator>

namespace clinico::tv {

bool loadTranslation(QTranslator &translator, const QString &language)
{
    return translator.load(QStringLiteral(":/i18n/clinico-tv_%1.qm").arg(language));
}

} // namespace clinico::tv
