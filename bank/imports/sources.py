"""Where an import's files are: a folder on the server (the command) or an uploaded ZIP (the
upload page). Either gives a named file as a Django `File`, or None when it has no such file.

Names are matched as the CSV gives them, relative to the folder (or the ZIP's top, ignoring
one folder that holds everything, as a ZIP of a folder does), and failing that by the file's
own name when only one file has it. Nothing outside the folder is ever opened.
"""

import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.uploadedfile import TemporaryUploadedFile


def _key(name: str) -> str:
    return str(PurePosixPath(name.replace("\\", "/").strip().lstrip("/"))).casefold()


class _Names:
    """A name as the CSV gives it → the file's own path, by relative path or by its name."""

    def __init__(self, paths):
        paths = list(paths)
        parts = {PurePosixPath(p).parts[0] for p in paths if len(PurePosixPath(p).parts) > 1}
        top = parts.pop() if len(parts) == 1 and all("/" in p for p in paths) else None
        self.by_path, self.by_name, twice = {}, {}, set()
        for path in paths:
            relative = str(PurePosixPath(path).relative_to(top)) if top else path
            self.by_path[_key(relative)] = path
            name = _key(PurePosixPath(path).name)
            if name in self.by_name:
                twice.add(name)
            self.by_name[name] = path
        for name in twice:
            del self.by_name[name]

    def find(self, name: str) -> str | None:
        key = _key(name)
        if not key or ".." in PurePosixPath(key).parts:
            return None
        return self.by_path.get(key) or self.by_name.get(key)


class FolderSource:
    def __init__(self, folder):
        self.root = Path(folder).resolve()
        found = (p for p in self.root.rglob("*") if p.is_file())
        self.names = _Names(p.relative_to(self.root).as_posix() for p in found)

    def open(self, name: str) -> File | None:
        path = self.names.find(name)
        if path is None:
            return None
        full = (self.root / path).resolve()
        if not full.is_relative_to(self.root):
            return None
        return File(full.open("rb"), name=full.name)


class ZipSource:
    """An uploaded ZIP. A part is copied out to a temporary file no larger than `max_bytes`
    (more is not read: the row is refused as too large), never unpacked whole."""

    def __init__(self, archive, *, max_bytes: int):
        self.zip = zipfile.ZipFile(archive)
        self.max_bytes = max_bytes
        # macOS's "Compress" adds each file's resource fork under __MACOSX/: not the reports.
        self.infos = {
            i.filename: i
            for i in self.zip.infolist()
            if not i.is_dir() and not i.filename.startswith("__MACOSX/")
        }
        self.names = _Names(self.infos)

    def csv_names(self) -> list[str]:
        return [
            name
            for name in self.infos
            if name.lower().endswith(".csv") and not PurePosixPath(name).name.startswith("._")
        ]

    def read(self, name: str, limit: int) -> bytes | None:
        """A part's first `limit` bytes and one more (to tell that it is longer)."""
        info = self.infos.get(name)
        if info is None:
            return None
        with self.zip.open(info) as part:
            return part.read(limit + 1)

    def open(self, name: str) -> File | None:
        path = self.names.find(name)
        if path is None:
            return None
        info = self.infos[path]
        copy = TemporaryUploadedFile(PurePosixPath(path).name, "application/octet-stream", 0, None)
        with self.zip.open(info) as part:
            # The declared size may lie: what is read stops just past the limit.
            while chunk := part.read(min(1024 * 1024, self.max_bytes + 1 - copy.size)):
                copy.write(chunk)
                copy.size += len(chunk)
                if copy.size > self.max_bytes:
                    break
        copy.seek(0)
        return copy

    def close(self):
        self.zip.close()


def temporary_copy(stored) -> tempfile.SpooledTemporaryFile:
    """A stored file (private storage may be a bucket) copied to a seekable local file."""
    copy = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - the caller closes it
    with stored.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            copy.write(chunk)
    copy.seek(0)
    return copy
