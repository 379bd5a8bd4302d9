"""Honest placeholder cover images: the seeds carry no photos, so each story gets a generated gradient naming its
city, titled as a placeholder so editors know to replace it. Drawn with Pillow, deterministic for a given label."""

import hashlib
import io

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 675)
PALETTES = [
    ((14, 76, 117), (236, 112, 99)),
    ((27, 94, 32), (255, 202, 40)),
    ((74, 20, 140), (0, 172, 193)),
    ((183, 28, 28), (255, 167, 38)),
    ((1, 87, 155), (129, 199, 132)),
]


def placeholder_png(label: str, caption: str) -> bytes:
    seed = int(hashlib.sha256(label.encode()).hexdigest(), 16)
    start, end = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for x in range(SIZE[0]):
        mix = x / (SIZE[0] - 1)
        colour = tuple(round(a + (b - a) * mix) for a, b in zip(start, end, strict=True))
        draw.line([(x, 0), (x, SIZE[1])], fill=colour)
    draw.text((60, SIZE[1] - 190), label, fill="white", font=ImageFont.load_default(size=72))
    draw.text((60, SIZE[1] - 90), caption, fill="white", font=ImageFont.load_default(size=32))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
