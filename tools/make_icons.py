"""Render ``resources/icons/forumdesk.svg`` into the PNG, .ico and .icns files the app and build.spec use.

Run ``.venv/bin/python tools/make_icons.py`` after editing the SVG and commit what it writes:
``forumdesk-<N>.png`` for N in 16..256 (window icons, Linux desktop), ``forumdesk.ico`` (the Windows .exe)
and ``forumdesk.icns`` (the macOS bundle). Qt's SVG renderer draws every size from the vector, so small
sizes are drawn, not shrunk; Pillow packs them into .ico and .icns.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "forumdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    """The SVG drawn at ``size`` x ``size`` pixels on a transparent background, as a Pillow RGBA image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def write_all(out: Path = ICONS) -> list[Path]:
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SVG} is not a valid SVG")
    images = {size: render(renderer, size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    written: list[Path] = []
    for size in PNG_SIZES:
        path = out / f"forumdesk-{size}.png"
        images[size].save(path, optimize=True)
        written.append(path)
    largest = images[max(ICO_SIZES)]
    largest.save(
        out / "forumdesk.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=[images[s] for s in ICO_SIZES]
    )
    images[1024].save(out / "forumdesk.icns", append_images=[images[s] for s in ICNS_SIZES])
    written += [out / "forumdesk.ico", out / "forumdesk.icns"]
    return written


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in write_all():
        print(f"wrote {path.relative_to(ICONS.parent.parent)} ({path.stat().st_size:,} bytes)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
