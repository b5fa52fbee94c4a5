// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/logoimageprovider.h"

#include "app/tvdisplay.h"

namespace clinico::tv {

LogoImageProvider::LogoImageProvider(const TvDisplay *display)
    : QQuickImageProvider(QQuickImageProvider::Image)
    , m_display(display)
{ }

QImage LogoImageProvider::requestImage(const QString &, QSize *size, const QSize &requestedSize)
{
    QImage image = m_display->logo();
    if (!image.isNull() && requestedSize.isValid())
        image = image.scaled(requestedSize.width() > 0 ? requestedSize.width() : image.width(),
            requestedSize.height() > 0 ? requestedSize.height() : image.height(), Qt::KeepAspectRatio,
            Qt::SmoothTransformation);
    if (size)
        *size = image.size();
    return image;
}

} // namespace clinico::tv
