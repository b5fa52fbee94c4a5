// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QQuickImageProvider>

namespace clinico::tv {

class TvDisplay;

// Serves the clinic's logo from the TV's cache to QML ("image://clinico-tv/logo/N"), so it
// shows with no network.
class LogoImageProvider final : public QQuickImageProvider
{
public:
    explicit LogoImageProvider(const TvDisplay *display);
    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;
    static QString providerId() { return QStringLiteral("clinico-tv"); }

private:
    const TvDisplay *m_display;
};

} // namespace clinico::tv
