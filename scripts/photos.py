"""Writes N distinct photo-like PNGs (1600×1200: a gradient with grain, so
each re-encodes like a real picture) for the benchmarks, with nothing but
Python's standard library.

Usage: python3 scripts/photos.py DIR N
"""
import os
import random
import struct
import sys
import zlib

W, H = 1600, 1200


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def photo(seed: int) -> bytes:
    rnd = random.Random(seed)
    r0, g0, b0 = (rnd.randrange(256) for _ in range(3))
    grain = bytes(rnd.randrange(48) for _ in range(W * 3 + 97))
    rows = []
    for y in range(H):
        row = bytearray(b"\0")
        shift = (y * 31) % 97
        for x in range(W):
            n = grain[3 * x + shift]
            row += bytes(((r0 + x // 8 + n) & 255, (g0 + y // 6 + n) & 255, (b0 + (x + y) // 12 + n) & 255))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 1)) + chunk(b"IEND", b"")


def main() -> None:
    out, n = sys.argv[1], int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        path = os.path.join(out, f"photo-{i:03}.png")
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(photo(i))


if __name__ == "__main__":
    main()
