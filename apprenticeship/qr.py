import qrcode
import qrcode.image.svg


def qr_svg(data: str) -> str:
    """The QR code of `data` as inline SVG markup (no image library needed)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    return image.to_string(encoding="unicode")
