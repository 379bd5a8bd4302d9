"""The default share card: what a link to the site shows on social media when a page has no image of its own.

Drawn with Pillow at the size the networks expect (1200 x 630): the charter's title and subtitle in the reader's
language and the campaign's hashtags, in the campaign colours (deep sea blue, a sunrise band). One per language,
because it carries text.
"""

import io
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
SEA = (11, 60, 93)
SUNRISE = (242, 153, 74)
FOAM = (255, 255, 255)
MARGIN = 80
# DejaVu Sans (free licence, fonts/LICENSE-DejaVu.txt): Pillow's built-in font has no accented letters.
FONTS = Path(__file__).parent / "fonts"


def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def wrapped(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    """Lines of `text` that fit `width` pixels, breaking between words."""
    for columns in range(len(text), 0, -1):
        lines = textwrap.wrap(text, columns)
        if all(draw.textlength(line, font=font) <= width for line in lines):
            return lines
    return [text]


def share_card_png(title: str, subtitle: str, hashtags: str) -> bytes:
    image = Image.new("RGB", SIZE, SEA)
    draw = ImageDraw.Draw(image)
    draw.rectangle([(0, SIZE[1] - 24), (SIZE[0], SIZE[1])], fill=SUNRISE)
    width = SIZE[0] - 2 * MARGIN
    title_font = font(76, bold=True)
    subtitle_font = font(36)
    y = MARGIN
    for line in wrapped(draw, title, title_font, width):
        draw.text((MARGIN, y), line, fill=FOAM, font=title_font)
        y += 100
    y += 20
    for line in wrapped(draw, subtitle, subtitle_font, width)[:3]:
        draw.text((MARGIN, y), line, fill=FOAM, font=subtitle_font)
        y += 52
    draw.text((MARGIN, SIZE[1] - 120), hashtags, fill=SUNRISE, font=font(40, bold=True))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
