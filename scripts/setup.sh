#!/usr/bin/env bash
# Installs what lectern needs on a fresh machine: Chromium (for browser tests, diagrams and
# PDFs) and poppler-utils (PDF checks in the tests) when missing, then the npm packages.
# Chromium comes from the system's packages: lectern never downloads a browser of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

have_browser() {
  [ -n "${CHROME_PATH:-}" ] && [ -x "${CHROME_PATH}" ] && return 0
  for path in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome-stable /usr/bin/google-chrome \
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" "/Applications/Chromium.app/Contents/MacOS/Chromium"; do
    [ -x "$path" ] && return 0
  done
  return 1
}

missing=()
have_browser || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)

if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo)
    echo "setup: installing ${missing[*]} with apt-get"
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "setup: please install ${missing[*]} with your system's package manager (or set CHROME_PATH)" >&2
  fi
fi

npm ci --no-audit --no-fund
