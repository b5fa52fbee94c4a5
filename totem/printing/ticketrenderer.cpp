// SPDX-License-Identifier: GPL-3.0-or-later
#include "ticketrenderer.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetrics>
#include <QPainter>
#include <QRegularExpression>

#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace clinico::printing {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("clinico::printing::Ticket", text);
}

// Everything is laid out for 576 dots (72 mm at 203 dpi) and scaled to the requested width.
class TicketPainter
{
public:
    TicketPainter(QPainter &painter, int widthDots)
        : m_painter(painter)
        , m_width(widthDots)
        , m_scale(widthDots / double(kThermalWidthDots))
        , m_margin(dots(12))
    { }

    int dots(double at576) const { return std::max(1, int(std::lround(at576 * m_scale))); }

    QFont font(double pixelsAt576, bool bold) const
    {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setStyleHint(QFont::SansSerif);
        f.setPixelSize(dots(pixelsAt576));
        f.setBold(bold);
        // The same glyph advances on the thermal image and in the PDF, so both wrap alike.
        f.setHintingPreference(QFont::PreferNoHinting);
        return f;
    }

    void gap(double at576) { m_y += dots(at576); }

    void text(const QString &text, const QFont &f, Qt::Alignment align = Qt::AlignHCenter)
    {
        if (text.isEmpty())
            return;
        m_painter.setFont(f);
        const int flags = int(align) | Qt::TextWordWrap;
        const QRect area(m_margin, m_y, m_width - 2 * m_margin, 100000);
        const QRect bounds = m_painter.fontMetrics().boundingRect(area, flags, text);
        m_painter.drawText(QRect(m_margin, m_y, area.width(), bounds.height()), flags, text);
        m_y += bounds.height();
    }

    // One line if the text fits at any size down to minPixels, wrapped at minPixels otherwise:
    // a short sentence reads better whole than with one word left on a second line.
    void fittedText(const QString &text, double pixelsAt576, double minPixelsAt576, bool bold)
    {
        const int available = m_width - 2 * m_margin;
        double size = pixelsAt576;
        while (size > minPixelsAt576
            && QFontMetrics(font(size, bold), m_painter.device()).horizontalAdvance(text) > available)
            size = std::max(minPixelsAt576, size - 1);
        this->text(text, font(size, bold));
    }

    // White text on a black band: the priority label, seen by staff from across the room.
    void invertedBand(const QString &text, const QFont &f)
    {
        m_painter.setFont(f);
        const int flags = Qt::AlignHCenter | Qt::TextWordWrap;
        const int padding = dots(8);
        const QRect area(m_margin + padding, m_y + padding, m_width - 2 * (m_margin + padding), 100000);
        const QRect bounds = m_painter.fontMetrics().boundingRect(area, flags, text);
        const QRect band(m_margin, m_y, m_width - 2 * m_margin, bounds.height() + 2 * padding);
        m_painter.fillRect(band, Qt::black);
        m_painter.setPen(Qt::white);
        m_painter.drawText(QRect(area.left(), area.top(), area.width(), bounds.height()), flags, text);
        m_painter.setPen(Qt::black);
        m_y += band.height();
    }

    // The ticket code as large as the width allows, placed by its ink so no height is wasted.
    void hugeCode(const QString &code)
    {
        const int available = (m_width - 2 * m_margin) * 94 / 100;
        double size = 220;
        QFont f = font(size, true);
        QRect ink = QFontMetrics(f, m_painter.device()).tightBoundingRect(code);
        while (ink.width() > available && size > 20) {
            size *= 0.95;
            f = font(size, true);
            ink = QFontMetrics(f, m_painter.device()).tightBoundingRect(code);
        }
        m_painter.setFont(f);
        const int baseline = m_y - ink.top();
        m_painter.drawText(QPointF((m_width - ink.width()) / 2.0 - ink.left(), baseline), code);
        m_y += ink.height();
    }

    void rule()
    {
        const int thickness = dots(3);
        m_painter.fillRect(QRect(m_margin, m_y, m_width - 2 * m_margin, thickness), Qt::black);
        m_y += thickness;
    }

    // Whole-dot modules and a quiet zone of four modules, so phone cameras read it off thermal paper.
    void qrCode(const QString &content)
    {
        const QByteArray utf8 = content.toUtf8();
        const std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
            QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
        if (!qr)
            return;
        const int module = std::clamp(dots(232) / qr->width, 2, dots(10));
        const int side = module * qr->width;
        const int left = (m_width - side) / 2;
        m_y += 4 * module;
        for (int row = 0; row < qr->width; ++row) {
            for (int col = 0; col < qr->width; ++col) {
                if (qr->data[row * qr->width + col] & 1)
                    m_painter.fillRect(
                        QRect(left + col * module, m_y + row * module, module, module), Qt::black);
            }
        }
        m_y += side + 4 * module;
    }

    int y() const { return m_y; }
    int width() const { return m_width; }

private:
    QPainter &m_painter;
    int m_width;
    double m_scale;
    int m_margin;
    int m_y = 0;
};

QString peopleAheadText(int people)
{
    if (people < 0)
        return {};
    if (people == 0)
        return tr("Ninguém à sua frente");
    if (people == 1)
        return tr("1 pessoa à sua frente");
    return tr("%1 pessoas à sua frente").arg(people);
}

QString waitText(int minutes)
{
    if (minutes < 0)
        return {};
    if (minutes < 5)
        return tr("Espera estimada: poucos minutos");
    if (minutes < 60)
        return tr("Espera estimada: cerca de %1 min").arg(minutes);
    if (minutes % 60 == 0)
        return tr("Espera estimada: cerca de %1 h").arg(minutes / 60);
    return tr("Espera estimada: cerca de %1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

// A ticket is left on chairs and in bins: whatever a caller put in a text field, no CPF
// (11 digits, punctuated or not) reaches the paper.
QString withoutCpf(const QString &text)
{
    static const QRegularExpression cpfLike(
        QStringLiteral("(?<!\\d)\\d{3}[.\\s]?\\d{3}[.\\s]?\\d{3}[-.\\s]?\\d{2}(?!\\d)"));
    QString masked = text;
    return masked.replace(cpfLike, QStringLiteral("***.***.***-**"));
}

} // namespace

int paintTicket(QPainter &painter, const TicketContent &content, int widthDots)
{
    TicketContent ticket = content;
    for (QString *field :
        { &ticket.clinicName, &ticket.code, &ticket.serviceName, &ticket.priorityLabel, &ticket.footer })
        *field = withoutCpf(*field);

    painter.save();
    painter.setPen(Qt::black);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    TicketPainter t(painter, widthDots);

    t.gap(8);
    t.text(ticket.clinicName, t.font(30, true));
    if (ticket.reprint) {
        t.gap(10);
        t.invertedBand(tr("2ª VIA"), t.font(28, true));
    }
    t.gap(14);
    t.rule();
    t.gap(14);
    t.text(tr("SUA SENHA"), t.font(34, true));
    t.gap(18);
    t.hugeCode(ticket.code);
    t.gap(24);
    if (!ticket.priorityLabel.isEmpty()) {
        t.invertedBand(ticket.priorityLabel.toUpper(), t.font(36, true));
        t.gap(14);
    }
    t.text(ticket.serviceName, t.font(44, true));
    t.gap(16);
    t.rule();
    t.gap(16);
    if (ticket.issuedAt.isValid()) {
        const QDateTime &at = ticket.issuedAt;
        t.text(tr("%1 às %2")
                   .arg(at.toString(QStringLiteral("dd/MM/yyyy")), at.toString(QStringLiteral("HH:mm"))),
            t.font(36, true));
        t.gap(10);
    }
    const QString ahead = peopleAheadText(ticket.peopleAhead);
    const QString wait = waitText(ticket.estimatedWaitMinutes);
    t.text(ahead, t.font(32, false));
    if (!ahead.isEmpty() && !wait.isEmpty())
        t.gap(4);
    t.text(wait, t.font(32, false));
    if (!ticket.statusUrl.isEmpty()) {
        t.gap(4);
        t.qrCode(ticket.statusUrl);
        t.text(tr("Acompanhe sua vez pelo celular"), t.font(26, false));
    }
    if (!ticket.footer.isEmpty()) {
        t.gap(20);
        t.fittedText(ticket.footer, 34, 28, true);
    }
    if (ticket.offline) {
        // For staff: this ticket was issued while the totem could not reach the server.
        t.gap(12);
        t.text(tr("emissão local"), t.font(18, false), Qt::AlignRight);
    }
    t.gap(12);
    painter.restore();
    return t.y();
}

int ticketHeight(const TicketContent &ticket, int widthDots)
{
    QImage scratch(1, 1, QImage::Format_Grayscale8);
    QPainter painter(&scratch);
    return paintTicket(painter, ticket, widthDots);
}

QImage toThermalBits(const QImage &image)
{
    QImage mono = image.format() == QImage::Format_Mono
        ? image
        : image.convertToFormat(QImage::Format_Grayscale8)
              .convertToFormat(QImage::Format_Mono, Qt::ThresholdDither | Qt::MonoOnly);
    const QList<QRgb> table = mono.colorTable();
    const bool zeroIsBlack = !table.isEmpty() && qGray(table.at(0)) < 128;
    const bool oneIsBlack = table.size() > 1 && qGray(table.at(1)) < 128;
    if (zeroIsBlack && !oneIsBlack)
        mono.invertPixels();
    else if (!oneIsBlack && !zeroIsBlack)
        mono.fill(0);
    else if (zeroIsBlack && oneIsBlack)
        mono.fill(1);
    mono.setColorTable({ qRgb(255, 255, 255), qRgb(0, 0, 0) });
    return mono;
}

QImage renderTicket(const TicketContent &ticket, int widthDots)
{
    const int height = ticketHeight(ticket, widthDots);
    QImage canvas(widthDots, height, QImage::Format_Grayscale8);
    canvas.fill(Qt::white);
    {
        QPainter painter(&canvas);
        paintTicket(painter, ticket, widthDots);
    }
    return toThermalBits(canvas);
}

} // namespace clinico::printing
