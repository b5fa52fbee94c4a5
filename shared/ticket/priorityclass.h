// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace clinico {

// The three classes the law gives the calling order (notes/domain.md): 80+ before other
// priority groups (Lei 13.466/2017), priority groups before normal (Lei 10.048/2000).
// The reason a patient is priority (pregnancy, disability...) is health data and is
// deliberately not part of the model: only the class is kept.
enum class PriorityClass {
    Normal,
    Priority,
    Priority80,
};

QString toWire(PriorityClass c); // "normal", "priority", "priority80"
std::optional<PriorityClass> priorityClassFromWire(QStringView s); // strict
QChar codeMarker(PriorityClass c); // N, P, S (superprioridade)
QString displayLabel(PriorityClass c); // "Normal", "Preferencial", "Preferencial 80+"
inline bool isPriority(PriorityClass c)
{
    return c != PriorityClass::Normal;
}
// Higher runs first.
inline int rank(PriorityClass c)
{
    return c == PriorityClass::Priority80 ? 2 : c == PriorityClass::Priority ? 1 : 0;
}

} // namespace clinico
