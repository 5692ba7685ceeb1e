"""Reading zip files that may be hostile: declared sizes and ratios are checked before anything
is decompressed, and reads stop at the declared size (zip bombs, issue 10 item 12).

Only the standard library is used, so that the light reader (`pip install newsfacts`) can open
a release zip.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 512 * 2**20  # one decompressed member
MAX_TOTAL_BYTES = 2 * 2**30  # all members together
MAX_RATIO = 200  # decompressed / compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 2**20


class UnsafeZipError(ValueError):
    """The zip declares more than it is sensible to decompress, or is not a zip at all."""


def _mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def check_zip(zf: zipfile.ZipFile, where: str) -> None:
    """Refuse a zip whose declared sizes, ratios or member names are unsafe."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UnsafeZipError(f"{where}: {len(infos)} members (more than {MAX_MEMBERS}); refusing to read it")
    total = 0
    for info in infos:
        name = PurePosixPath(info.filename)
        if name.is_absolute() or ".." in name.parts:
            raise UnsafeZipError(f"{where}: member {info.filename!r} points outside the archive")
        if info.file_size > MAX_MEMBER_BYTES:
            raise UnsafeZipError(
                f"{where}: member {info.filename!r} declares {_mib(info.file_size)} "
                f"(limit {_mib(MAX_MEMBER_BYTES)}); refusing to decompress it"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnsafeZipError(
                f"{where}: member {info.filename!r} would expand "
                f"{info.file_size // max(info.compress_size, 1)}x "
                f"(limit {MAX_RATIO}x); refusing to decompress a likely zip bomb"
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise UnsafeZipError(
            f"{where}: members declare {_mib(total)} in all (limit {_mib(MAX_TOTAL_BYTES)}); refusing to decompress it"
        )


def open_zip(source, where: str | None = None) -> zipfile.ZipFile:
    """A checked ZipFile from a path or bytes."""
    where = where or str(source if not isinstance(source, (bytes, bytearray)) else "zip")
    try:
        zf = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else Path(source))
    except zipfile.BadZipFile as exc:
        raise UnsafeZipError(f"{where}: not a readable zip file ({exc})") from None
    check_zip(zf, where)
    return zf


def read_member(zf: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes, never more than its declared (and checked) size."""
    info = zf.getinfo(name)
    with zf.open(info) as fh:
        data = fh.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise UnsafeZipError(f"member {name!r} is larger than it declares")
    return data


def extract_all(zf: zipfile.ZipFile, dest: Path) -> None:
    """Extract a checked zip under `dest` (no member can land outside it)."""
    dest = Path(dest).resolve()
    for info in zf.infolist():
        target = (dest / info.filename).resolve()
        if dest != target and dest not in target.parents:
            raise UnsafeZipError(f"member {info.filename!r} points outside the archive")
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(read_member(zf, info.filename))
