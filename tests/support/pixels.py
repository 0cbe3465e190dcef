"""Read the pixels of a small PNG (a screenshot of one element) with the standard library."""

import struct
import zlib
from collections import Counter

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {2: 3, 6: 4}  # RGB and RGBA: the colour types a browser's screenshots use


def pixels(data: bytes) -> list[tuple[int, int, int]]:
    """Return the RGB colour of every pixel of an 8-bit, non-interlaced RGB or RGBA PNG."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG")
    offset, header, compressed = len(SIGNATURE), None, b""
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        body = data[offset + 8 : offset + 8 + length]
        offset += 12 + length  # length, type, body, CRC
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError("a PNG without its header")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ValueError(f"not an 8-bit RGB(A) PNG: depth {depth}, colour type {colour}")
    size = CHANNELS[colour]
    raw, stride = zlib.decompress(compressed), width * size
    found, previous = [], bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        line = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, size)
        found += [tuple(line[x : x + 3]) for x in range(0, stride, size)]
        previous = line
    return found


def _unfilter(kind: int, line: bytearray, previous: bytearray, size: int) -> bytearray:
    """Undo one row's filter (PNG specification, section 9)."""
    for x in range(len(line)):
        left = line[x - size] if x >= size else 0
        up, up_left = previous[x], previous[x - size] if x >= size else 0
        if kind == 1:
            line[x] = (line[x] + left) & 0xFF
        elif kind == 2:
            line[x] = (line[x] + up) & 0xFF
        elif kind == 3:
            line[x] = (line[x] + (left + up) // 2) & 0xFF
        elif kind == 4:
            line[x] = (line[x] + _paeth(left, up, up_left)) & 0xFF
    return line


def _paeth(left: int, up: int, up_left: int) -> int:
    """The neighbour nearest to left + up - up_left."""
    estimate = left + up - up_left
    distances = [abs(estimate - left), abs(estimate - up), abs(estimate - up_left)]
    return (left, up, up_left)[distances.index(min(distances))]


def dominant_colour(data: bytes) -> str:
    """Return the commonest colour of a PNG as #rrggbb."""
    (red, green, blue), _ = Counter(pixels(data)).most_common(1)[0]
    return f"#{red:02x}{green:02x}{blue:02x}"
