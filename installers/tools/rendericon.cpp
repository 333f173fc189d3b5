// kafkalab-rendericon: renders the application's SVG icon to the raster files that the installers
// need, at build time, with Qt alone (no ImageMagick or Inkscape on the build machine).
//
//   kafkalab-rendericon ICON.svg OUT.png SIZE   one PNG of SIZE x SIZE pixels (hicolor theme, iconsets)
//   kafkalab-rendericon ICON.svg OUT.ico        a Windows icon with 16, 24, 32, 48, 64, 128 and 256 px
//
// The entries of the .ico are PNG images, which Windows reads since Vista. The output does not
// depend on the time or the machine, so packages built from the same sources have the same icons.

#include <cstdio>
#include <vector>

#include <QBuffer>
#include <QByteArray>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QString>
#include <QSvgRenderer>
#include <QtEndian>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

void printErr(const QString &text)
{
    std::fprintf(stderr, "kafkalab-rendericon: %s\n", text.toLocal8Bit().constData());
}

/** The icon at size x size pixels as PNG bytes, or empty on failure. */
QByteArray renderPng(QSvgRenderer &renderer, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        renderer.render(&painter, QRectF(0, 0, size, size));
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.convertToFormat(QImage::Format_ARGB32).save(&buffer, "PNG"))
        return {};
    return bytes;
}

void appendLe16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void appendLe32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

/** An ICO file (ICONDIR, one ICONDIRENTRY per image, then the PNG images). */
QByteArray buildIco(QSvgRenderer &renderer, const std::vector<int> &sizes)
{
    constexpr int kHeaderBytes = 6;
    constexpr int kEntryBytes = 16;
    std::vector<QByteArray> images;
    for (const int size : sizes) {
        images.push_back(renderPng(renderer, size));
        if (images.back().isEmpty())
            return {};
    }
    QByteArray out;
    appendLe16(out, 0); // reserved
    appendLe16(out, 1); // type: icon
    appendLe16(out, quint16(sizes.size()));
    quint32 offset = quint32(kHeaderBytes + kEntryBytes * int(sizes.size()));
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        const char side = char(sizes[i] >= 256 ? 0 : sizes[i]); // 0 means 256
        out.append(side); // width
        out.append(side); // height
        out.append(char(0)); // palette colours: none
        out.append(char(0)); // reserved
        appendLe16(out, 1); // colour planes
        appendLe16(out, 32); // bits per pixel
        appendLe32(out, quint32(images[i].size()));
        appendLe32(out, offset);
        offset += quint32(images[i].size());
    }
    for (const QByteArray &image : images)
        out.append(image);
    return out;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        printErr(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    const QString usage = QStringLiteral("usage: kafkalab-rendericon ICON.svg OUT.png SIZE | ICON.svg OUT.ico");
    if (argc < 3) {
        printErr(usage);
        return kExitUsage;
    }
    const QString input = QString::fromLocal8Bit(argv[1]);
    const QString output = QString::fromLocal8Bit(argv[2]);

    QSvgRenderer renderer(input);
    if (!renderer.isValid()) {
        printErr(QStringLiteral("%1 is not a readable SVG file").arg(input));
        return kExitFailed;
    }

    if (output.endsWith(QStringLiteral(".ico")) && argc == 3) {
        const QByteArray ico = buildIco(renderer, {16, 24, 32, 48, 64, 128, 256});
        if (ico.isEmpty()) {
            printErr(QStringLiteral("rendering %1 failed").arg(input));
            return kExitFailed;
        }
        return writeFile(output, ico) ? kExitOk : kExitFailed;
    }

    if (output.endsWith(QStringLiteral(".png")) && argc == 4) {
        bool ok = false;
        const int size = QString::fromLocal8Bit(argv[3]).toInt(&ok);
        if (!ok || size < 1 || size > 4096) {
            printErr(
                QStringLiteral("SIZE must be from 1 to 4096 pixels, got '%1'").arg(QString::fromLocal8Bit(argv[3])));
            return kExitUsage;
        }
        const QByteArray png = renderPng(renderer, size);
        if (png.isEmpty()) {
            printErr(QStringLiteral("rendering %1 failed").arg(input));
            return kExitFailed;
        }
        return writeFile(output, png) ? kExitOk : kExitFailed;
    }

    printErr(usage);
    return kExitUsage;
}
