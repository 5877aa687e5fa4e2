"""A PDF password as the encryption handler wants it.

pdfminer takes a str and encodes it as Latin-1 for the RC4/AES-128 handlers (revisions
2–4), whose passwords are bytes in the producer's code page, and as UTF-8 for AES-256
(revisions 5–6).  So a password given as bytes, or with characters outside Latin-1 (a
Chinese password), is tried in each form a producer may have written: its UTF-8 bytes,
its GB18030 bytes, and as given."""

from __future__ import annotations


def candidates(password: str | bytes | None) -> list[str]:
    if not password:
        return [""]
    if isinstance(password, (bytes, bytearray)):
        forms = [bytes(password).decode("latin-1")]  # byte for byte, for revisions 2–4
        try:
            forms.append(bytes(password).decode("utf-8"))  # revisions 5–6 hash its UTF-8 form
        except UnicodeDecodeError:
            pass
    else:
        forms = [password]
        for codec in ("utf-8", "gb18030"):
            try:
                forms.append(password.encode(codec).decode("latin-1"))
            except UnicodeEncodeError:
                continue
    return list(dict.fromkeys(forms))
