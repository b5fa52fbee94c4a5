// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QTranslator;

namespace clinico::tv {

// Loads the TV's texts for a language (pt_BR is the source language: nothing to load; en, es).
// False if there is no such translation: the screen then stays in Portuguese.
bool loadTranslation(QTranslator &translator, const QString &language);

} // namespace clinico::tv
