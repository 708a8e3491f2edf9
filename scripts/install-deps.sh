#!/usr/bin/env bash
# Installs the system packages Mneme builds against, if any is missing.
# Debian/Ubuntu: uses apt-get (through sudo when not root). Elsewhere: says what to install.
set -euo pipefail

packages=(libsqlite3-dev libcurl4-openssl-dev libedit-dev pkg-config)
# Optional, for PDF indexing; installed when available, never required.
optional=(poppler-utils)

if ! command -v swift >/dev/null 2>&1; then
    echo "error: the Swift toolchain (6.0 or newer) is not on PATH; install it from swift.org first." >&2
    exit 1
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for package in "${packages[@]}" "${optional[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
else
    for lib in sqlite3 libcurl libedit; do
        pkg-config --exists "$lib" 2>/dev/null || missing+=("$lib")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "error: missing development libraries: ${missing[*]} (install them with your package manager)." >&2
        exit 1
    fi
    exit 0
fi

install_python_sdk() {
    # The official Python SDKs (openai, anthropic, google-genai) drive the provider stubs and
    # `mneme serve` in tests that skip without them; install them when python3 and pip are there.
    # Never fatal.
    command -v python3 >/dev/null 2>&1 || return 0
    local module package
    for pair in openai:openai anthropic:anthropic google.genai:google-genai; do
        module=${pair%%:*}
        package=${pair#*:}
        if ! python3 -c "import $module" >/dev/null 2>&1; then
            python3 -m pip install --quiet --disable-pip-version-check "$package" >/dev/null 2>&1 \
                || echo "note: could not install the $package Python SDK; its conformance tests will be skipped." >&2
        fi
    done
}

if [ ${#missing[@]} -eq 0 ]; then
    install_python_sdk
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
echo "Installing ${missing[*]} …" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${optional[@]}" >/dev/null 2>&1 \
    || echo "note: poppler-utils is not available; PDF files will be skipped when indexing." >&2
install_python_sdk
