// SPDX-License-Identifier: GPL-3.0-or-later
#include "ticket/priorityclass.h"

namespace clinico {

QString toWire(PriorityClass c)
{
    switch (c) {
    case PriorityClass::Normal:
        return QStringLiteral("normal");
    case PriorityClass::Priority:
        return QStringLiteral("priority");
    case PriorityClass::Priority80:
        return QStringLiteral("priority80");
    }
    return {};
}

std::optional<PriorityClass> priorityClassFromWire(QStringView s)
{
    if (s == u"normal")
        return PriorityClass::Normal;
    if (s == u"priority")
        return PriorityClass::Priority;
    if (s == u"priority80")
        return PriorityClass::Priority80;
    return std::nullopt;
}

QChar codeMarker(PriorityClass c)
{
    switch (c) {
    case PriorityClass::Normal:
        return u'N';
    case PriorityClass::Priority:
        return u'P';
    case PriorityClass::Priority80:
        return u'S';
    }
    return u'N';
}

QString displayLabel(PriorityClass c)
{
    switch (c) {
    case PriorityClass::Normal:
        return QStringLiteral("Normal");
    case PriorityClass::Priority:
        return QStringLiteral("Preferencial");
    case PriorityClass::Priority80:
        return QStringLiteral("Preferencial 80+");
    }
    return {};
}

} // namespace clinico
