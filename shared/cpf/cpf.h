// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>

namespace clinico {

// A Brazilian taxpayer number. Holding one means it passed the check digits; it does not mean
// the person exists. It is personal data: log only masked(), never show formatted() on a
// screen other than the keypad that is typing it.
class Cpf
{
public:
    // Accepts "529.982.247-25", "52998224725" or any punctuation around 11 digits.
    static Result<Cpf> parse(QStringView text);
    static bool isValid(QStringView text) { return parse(text).ok(); }

    // The check digits for the first nine (or ten) digits; exposed for the keypad's hinting.
    static int checkDigit(QStringView digits);

    const QString &digits() const { return m_digits; }
    QString formatted() const; // 529.982.247-25
    QString masked() const; // ***.***.***-25: the check digits only

    // Masks whatever the caller has, valid or not, for a log line: never the clear digits.
    static QString maskForLog(QStringView text);
    // "529982" -> "529.982", for the keypad's mask filling in as the patient types.
    static QString formatPartial(QStringView digits);

    friend bool operator==(const Cpf &, const Cpf &) = default;

private:
    explicit Cpf(QString digits)
        : m_digits(std::move(digits))
    { }
    QString m_digits;
};

} // namespace clinico
