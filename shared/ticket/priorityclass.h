// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>
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
// Every class, by rank: the one order the call policy, the estimate of a long queue
// (server/estimate/waitestimator.cpp) and the report are made from.
inline constexpr std::array<PriorityClass, 3> kPriorityClasses {
    PriorityClass::Normal, PriorityClass::Priority, PriorityClass::Priority80
};

QString toWire(PriorityClass c); // "normal", "priority", "priority80"
std::optional<PriorityClass> priorityClassFromWire(QStringView s); // strict
QChar codeMarker(PriorityClass c); // N, P, S (superprioridade)
QString displayLabel(PriorityClass c); // "Normal", "Preferencial", "Preferencial 80+"
inline bool isPriority(PriorityClass c)
{
    return c != PriorityClass::Normal;
}
// Higher runs first (the class's place in kPriorityClasses).
constexpr int rank(PriorityClass c)
{
    return c == PriorityClass::Priority80 ? 2 : c == PriorityClass::Priority ? 1 : 0;
}
static_assert(rank(kPriorityClasses[0]) == 0 && rank(kPriorityClasses[1]) == 1 && rank(kPriorityClasses[2]) == 2);

} // namespace clinico
