"""External PDF writers: LibreOffice (a .docx → PDF) and headless Chromium (an HTML
page → PDF), and the normalisation that makes their output reproducible.

What each needs (Debian packages; the error names them when missing):

* ``libreoffice``: ``soffice`` from ``libreoffice-writer-nogui`` (or any LibreOffice
  Writer) and the font packages ``fonts-droid-fallback`` and ``fonts-liberation2``.
* ``chromium``: ``chromium`` and the font package ``fonts-wqy-zenhei``.

Reproducibility.  Both writers are deterministic for the same input and the same
program version except for timestamps: LibreOffice writes ``/CreationDate``, a
random-looking ``/ID`` and ``/DocChecksum``; Chromium (Skia) writes ``/CreationDate``
and ``/ModDate``.  ``normalize_pdf`` overwrites them in place with fixed values of
the same length (the xref offsets stay valid): the dates become 2024-01-15 09:00:00,
``/ID`` and ``/DocChecksum`` the MD5 of the normalised file.  So the same input and
the same LibreOffice/Chromium version give the same bytes; another version of the
program may lay out differently (``python -m corpus.build --check`` then compares the
extracted text and the truth instead of the bytes).
"""

import hashlib
import os
import re
import shutil
import subprocess
import tempfile

FIXED_DATE = b"20240115090000"


class ToolMissing(RuntimeError):
    pass


def _need_fonts(producer):
    from .fonts import missing_print_fonts

    missing = missing_print_fonts(producer)
    if missing:
        files = ", ".join(f for f, _ in missing)
        packages = " ".join(sorted({p for _, p in missing}))
        raise ToolMissing(
            f"producer {producer} needs the fonts {files}: install the Debian "
            f"package(s) {packages} (apt-get install -y {packages})"
        )


def soffice():
    """Path of LibreOffice's soffice, or ToolMissing naming the Debian package."""
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            _need_fonts("libreoffice")
            return path
    raise ToolMissing(
        "producer libreoffice needs LibreOffice's soffice: install the Debian package "
        "libreoffice-writer-nogui (apt-get install -y libreoffice-writer-nogui "
        "fonts-droid-fallback fonts-liberation2)"
    )


def chromium():
    """Path of headless Chromium, or ToolMissing naming the Debian package."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            _need_fonts("chromium")
            return path
    raise ToolMissing(
        "producer chromium needs Chromium: install the Debian package chromium "
        "(apt-get install -y chromium fonts-wqy-zenhei)"
    )


def normalize_pdf(path):
    """Fix the timestamps and ids of a LibreOffice or Chromium PDF in place (same lengths)."""
    with open(path, "rb") as f:
        data = f.read()
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}", lambda m: m.group(1) + FIXED_DATE, data)
    data = re.sub(
        rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d",
        lambda m: m.group(1) + b"2024-01-15T09:00:00",
        data,
    )
    ids = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
    check = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")
    blank = ids.sub(
        lambda m: m.group(1) + b"0" * len(m.group(2)) + m.group(3) + b"0" * len(m.group(4)) + m.group(5), data
    )
    blank = check.sub(lambda m: m.group(1) + b"0" * len(m.group(2)), blank)
    digest = hashlib.md5(blank).hexdigest().upper().encode()

    def fill(n):
        return (digest * (n // len(digest) + 1))[:n]

    data = ids.sub(
        lambda m: m.group(1) + fill(len(m.group(2))) + m.group(3) + fill(len(m.group(4))) + m.group(5), blank
    )
    data = check.sub(lambda m: m.group(1) + fill(len(m.group(2))), data)
    with open(path, "wb") as f:
        f.write(data)


def _run(cmd, what, timeout=180):
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{what} took longer than {timeout}s: {' '.join(cmd)}") from None
    return done


def docx_to_pdf(docx_path, pdf_path):
    """LibreOffice prints the .docx to ``pdf_path`` (its own fresh profile, headless)."""
    exe = soffice()
    with tempfile.TemporaryDirectory(prefix="corpus-lo-") as tmp:
        profile = os.path.join(tmp, "profile")
        cmd = [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            tmp,
            docx_path,
        ]
        done = _run(cmd, "LibreOffice")
        out = os.path.join(tmp, os.path.splitext(os.path.basename(docx_path))[0] + ".pdf")
        if not os.path.exists(out):
            raise RuntimeError(
                f"LibreOffice made no PDF of {docx_path}: "
                f"{done.stdout.decode(errors='replace')} {done.stderr.decode(errors='replace')}"
            )
        shutil.move(out, pdf_path)
    normalize_pdf(pdf_path)


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--no-pdf-header-footer",
    "--disable-pdf-tagging",
    "--font-render-hinting=none",
]


def html_to_pdf(html_path, pdf_path):
    """Headless Chromium prints the page to ``pdf_path`` (no header/footer of its own)."""
    exe = chromium()
    with tempfile.TemporaryDirectory(prefix="corpus-chromium-") as tmp:
        out = os.path.join(tmp, "out.pdf")
        cmd = [
            exe,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={os.path.join(tmp, 'profile')}",
            f"--print-to-pdf={out}",
            "file://" + os.path.abspath(html_path),
        ]
        done = _run(cmd, "Chromium")
        if not os.path.exists(out):
            raise RuntimeError(f"Chromium made no PDF of {html_path}: {done.stderr.decode(errors='replace')[-2000:]}")
        shutil.move(out, pdf_path)
    normalize_pdf(pdf_path)
