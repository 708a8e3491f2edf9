"""Makes the official `tiktoken` package work offline with the vocabularies bundled in this package.

tiktoken caches each vocabulary under the sha1 of its download URL in TIKTOKEN_CACHE_DIR; we copy the
bundled files there (after checking their SHA-256) and point the variable at it. Import this module before
calling tiktoken.get_encoding.
"""
import hashlib
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
RESOURCES = os.path.join(PACKAGE, "Sources", "MnemeTokenizer", "Resources")
CACHE = os.path.join(PACKAGE, ".tiktoken-cache")
FILES = {
    "cl100k_base": ("9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
                    "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"),
    "o200k_base": ("fb374d419588a4632f3f557e76b4b70aebbca790",
                   "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"),
}

os.makedirs(CACHE, exist_ok=True)
for name, (sha1, sha256) in FILES.items():
    target = os.path.join(CACHE, sha1)
    if not os.path.exists(target):
        source = os.path.join(RESOURCES, f"{name}.tiktoken")
        if hashlib.sha256(open(source, "rb").read()).hexdigest() != sha256:
            raise SystemExit(f"{source}: SHA-256 mismatch")
        shutil.copyfile(source, target)
os.environ["TIKTOKEN_CACHE_DIR"] = CACHE
