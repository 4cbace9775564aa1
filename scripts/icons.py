#!/usr/bin/env python3
"""Draws Lindungi's app icons: a white shield with a green tick on the brand green.

Run from the repository root: `python3 scripts/icons.py` (writes public/icons/*.png).
Only the standard library (zlib + struct), because Pillow is not on every machine that
builds the app, and the drawing is three shapes. Edges are anti-aliased by sampling
4 x 4 points in every pixel that a shape's edge crosses.
"""

import math
import os
import struct
import zlib

# style/main.css --brand: the theme colour of the manifest too.
GREEN = (0x0B, 0x5D, 0x3B)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "public", "icons")


def shield_half_width(v):
    """Half width of the shield at height v (0 top, 1 tip), in units of its height.

    Straight sides down to 45 %, then a cosine taper to the tip: vertical where it
    starts (no kink), pointed where it ends.
    """
    w = 0.4
    if v < 0.45:
        return w
    return w * math.cos((v - 0.45) / 0.55 * math.pi / 2)


def in_shield(u, v):
    """u: -0.5..0.5 across, v: 0..1 down, both in units of the shield's height."""
    if v < 0 or v > 1:
        return False
    w = shield_half_width(v)
    if abs(u) > w:
        return False
    # The top edge dips towards the middle, like a heater shield's.
    return v >= 0.1 * (1 - (u / 0.4) ** 2)


TICK = [(-0.17, 0.47), (-0.045, 0.6), (0.2, 0.33)]
TICK_RADIUS = 0.055


def near_tick(u, v):
    for (ax, ay), (bx, by) in zip(TICK, TICK[1:]):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)))
        if math.hypot(u - (ax + t * dx), v - (ay + t * dy)) <= TICK_RADIUS:
            return True
    return False


def colour_at(x, y, size, shield_height, corner):
    """The colour at point (x, y) in pixels, or None where the icon is transparent."""
    if corner:
        # A rounded square for "any" icons; maskable ones are full bleed (the platform
        # cuts its own shape).
        r = corner * size
        cx = min(max(x, r), size - r)
        cy = min(max(y, r), size - r)
        if math.hypot(x - cx, y - cy) > r:
            return None
    u = (x - size / 2) / shield_height
    v = (y - (size - shield_height) / 2) / shield_height
    if in_shield(u, v):
        return GREEN if near_tick(u, v) else WHITE
    return GREEN


def render(size, shield_share, corner):
    shield_height = shield_share * size
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter type 0 (none) for this row
        for px in range(size):
            probes = [
                colour_at(px + dx, py + dy, size, shield_height, corner)
                for dx, dy in ((0.5, 0.5), (0, 0), (1, 0), (0, 1), (1, 1))
            ]
            if all(p == probes[0] for p in probes):
                samples = [probes[0]]
            else:
                step = 1 / SAMPLES
                samples = [
                    colour_at(px + (i + 0.5) * step, py + (j + 0.5) * step, size, shield_height, corner)
                    for i in range(SAMPLES)
                    for j in range(SAMPLES)
                ]
            opaque = [s for s in samples if s is not None]
            alpha = len(opaque) / len(samples)
            if opaque:
                rgb = [round(sum(s[k] for s in opaque) / len(opaque)) for k in range(3)]
            else:
                rgb = [0, 0, 0]
            row.extend(rgb + [round(alpha * 255)])
        rows.append(bytes(row))
    return rows


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(size, rows):
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


# name, size, shield height as a share of the icon, corner radius (share) or 0 for full bleed.
# Maskable icons keep the shield inside the central 80 % circle that every mask keeps:
# at 0.5 the shield's top corners sit 0.32 of the size from the centre (limit 0.4).
ICONS = [
    ("icon-192.png", 192, 0.64, 0.2),
    ("icon-512.png", 512, 0.64, 0.2),
    ("maskable-192.png", 192, 0.5, 0),
    ("maskable-512.png", 512, 0.5, 0),
    # iOS ignores the manifest's icons and rounds this one itself: full bleed.
    ("apple-touch-icon.png", 180, 0.6, 0),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, size, share, corner in ICONS:
        data = png(size, render(size, share, corner))
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(f"{name}: {size}x{size}, {len(data)} bytes")


if __name__ == "__main__":
    main()
