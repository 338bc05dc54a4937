"""Draws the default brand's wordmark (assets/logo.png): our own KKR design, not KL's logo."""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
NAVY, TEAL, ORANGE, PURPLE, GREEN = "#1D3557", "#0F7C7A", "#D9712B", "#6B4E9B", "#3F8F4F"


def main() -> None:
    width, height = 900, 300
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    # five tiles, one per region: Hovedstaden, Sjælland, Syddanmark, Midtjylland, Nordjylland
    tile, gap = 52, 10
    for n, colour in enumerate((NAVY, TEAL, ORANGE, PURPLE, GREEN)):
        row, col = divmod(n, 3) if n < 3 else (1, n - 3 + 0.5)
        x = 20 + col * (tile + gap)
        y = 62 + row * (tile + gap)
        draw.rounded_rectangle((x, y, x + tile, y + tile), radius=10, fill=colour)
    bold = ImageFont.truetype(str(ROOT / "assets/fonts/Carlito-Bold.ttf"), 150)
    regular = ImageFont.truetype(str(ROOT / "assets/fonts/Carlito-Regular.ttf"), 40)
    draw.text((230, 38), "KKR", font=bold, fill=NAVY)
    draw.text((236, 178), "Kommunekontaktråd", font=regular, fill=TEAL)
    image = image.crop(image.getbbox())
    canvas = Image.new("RGBA", (image.width + 20, round((image.width + 20) / 3)), (255, 255, 255, 0))
    canvas.paste(image, (10, (canvas.height - image.height) // 2))
    canvas.save(ROOT / "assets/logo.png", optimize=True)


if __name__ == "__main__":
    main()
