// SPDX-License-Identifier: GPL-3.0-or-later
#include "printingtesthelpers.h"

#include "privatecupsd.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimeZone>

namespace clinico::test {

printing::TicketContent sampleTicket()
{
    printing::TicketContent ticket;
    ticket.clinicName = QStringLiteral("Clínica São Lucas");
    ticket.code = QStringLiteral("CP012");
    ticket.serviceName = QStringLiteral("Cardiologia");
    ticket.priorityLabel = QStringLiteral("Preferencial 80+");
    ticket.issuedAt = QDateTime(QDate(2026, 11, 24), QTime(8, 15));
    ticket.peopleAhead = 4;
    ticket.estimatedWaitMinutes = 25;
    ticket.statusUrl = QStringLiteral("https://clinica.example/s/k7Hq2ZpXw9aLr3Tn");
    ticket.footer = QStringLiteral("Aguarde a chamada pela TV");
    return ticket;
}

QString readQrCode(const QImage &image)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("qr.png"));
    if (!image.save(path))
        return {};
    return QString::fromUtf8(
        runProgram(QStringLiteral("zbarimg"), { QStringLiteral("--raw"), QStringLiteral("-q"), path }))
        .trimmed();
}

QImage rasterisePdf(const QByteArray &pdf)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("ticket.pdf")));
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
        return {};
    file.close();
    runProgram(QStringLiteral("pdftoppm"),
        { QStringLiteral("-r"), QStringLiteral("203"), QStringLiteral("-gray"), QStringLiteral("-png"),
            QStringLiteral("-singlefile"), file.fileName(), dir.filePath(QStringLiteral("page")) });
    return QImage(dir.filePath(QStringLiteral("page.png")));
}

QSizeF pdfPageSizePoints(const QByteArray &pdf)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("ticket.pdf")));
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
        return {};
    file.close();
    const QString info = QString::fromUtf8(runProgram(QStringLiteral("pdfinfo"), { file.fileName() }));
    const QRegularExpressionMatch match
        = QRegularExpression(QStringLiteral("Page size:\\s+([0-9.]+) x ([0-9.]+) pts")).match(info);
    if (!match.hasMatch())
        return {};
    return { match.captured(1).toDouble(), match.captured(2).toDouble() };
}

QString pdfText(const QByteArray &pdf)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("ticket.pdf")));
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
        return {};
    file.close();
    return QString::fromUtf8(
        runProgram(QStringLiteral("pdftotext"), { file.fileName(), QStringLiteral("-") }));
}

double darkFraction(const QImage &image, const QRect &rect)
{
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    const QRect area = rect.intersected(grey.rect());
    if (area.isEmpty())
        return 0;
    qint64 dark = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        const uchar *line = grey.constScanLine(y);
        for (int x = area.left(); x <= area.right(); ++x)
            dark += line[x] < 128 ? 1 : 0;
    }
    return double(dark) / (qint64(area.width()) * area.height());
}

QPair<int, int> differingRows(const QImage &a, const QImage &b)
{
    const QImage ga = a.convertToFormat(QImage::Format_Grayscale8);
    const QImage gb = b.convertToFormat(QImage::Format_Grayscale8);
    int first = -1;
    int last = -1;
    for (int y = 0; y < std::min(ga.height(), gb.height()); ++y) {
        const int width = std::min(ga.width(), gb.width());
        if (memcmp(ga.constScanLine(y), gb.constScanLine(y), size_t(width)) != 0) {
            if (first < 0)
                first = y;
            last = y;
        }
    }
    return { first, last };
}

int differingPixels(const QImage &a, const QImage &b)
{
    const QImage ga = a.convertToFormat(QImage::Format_Grayscale8);
    const QImage gb = b.convertToFormat(QImage::Format_Grayscale8);
    int count = 0;
    for (int y = 0; y < std::min(ga.height(), gb.height()); ++y) {
        const uchar *la = ga.constScanLine(y);
        const uchar *lb = gb.constScanLine(y);
        for (int x = 0; x < std::min(ga.width(), gb.width()); ++x)
            count += la[x] != lb[x] ? 1 : 0;
    }
    return count;
}

QString saveForReview(const QImage &image, const QString &name)
{
    const QString path = QDir(QStringLiteral(CLINICO_TICKET_OUTPUT_DIR)).filePath(name);
    return image.save(path) ? path : QString();
}

} // namespace clinico::test
