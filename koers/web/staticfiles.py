"""Static files: hashed names, gzip/brotli copies and far-future cache headers (WhiteNoise).

``collectstatic`` writes the hashed, compressed copies and a manifest into STATIC_ROOT;
WhiteNoise then serves them with ``Cache-Control: max-age=315360000, public, immutable``.
Before ``collectstatic`` has run (a fresh checkout, the test suite) pages still render: a
name missing from the manifest keeps its plain URL, which WhiteNoise serves from the app's
static folders (``WHITENOISE_USE_FINDERS``) with a short cache time.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class KoersStaticStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def stored_name(self, name: str) -> str:
        try:
            return str(super().stored_name(name))
        except ValueError:  # not collected yet: the plain name, served from the finders
            return name
