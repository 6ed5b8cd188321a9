#!/usr/bin/env bash
# Installs what lectern needs on a fresh machine: Chromium (for browser tests, diagrams and
# PDFs) and poppler-utils (PDF checks in the tests) when missing, then the npm packages.
# Chromium comes from the system's packages: lectern never downloads a browser of its own.
# Run again, it installs nothing that is already there: `npm ci` is skipped while node_modules
# was installed by this script from the same package-lock.json (a stamp in node_modules).
# LECTERN_SETUP_SKIP_SYSTEM=1 leaves the system packages alone (the tests use it).
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

STAMP=node_modules/.lectern-setup

# What node_modules was installed for: the lock file's hash, and the platform and Node ABI its
# native packages (esbuild's binary) were chosen for.
install_key() {
  node -e "const { createHash } = require('node:crypto');
process.stdout.write([createHash('sha256').update(require('node:fs').readFileSync('package-lock.json')).digest('hex'), process.platform + '-' + process.arch, 'abi' + process.versions.modules].join(' '))"
}

npm_packages_current() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(install_key)" ]
}

missing=()
if [ "${LECTERN_SETUP_SKIP_SYSTEM:-}" != 1 ]; then
  have_browser || missing+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  [ ${#missing[@]} -gt 0 ] || echo "setup: Chromium and poppler-utils are installed (skipped)"
fi

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

if npm_packages_current; then
  echo "setup: node_modules matches package-lock.json (npm ci skipped)"
else
  npm ci --no-audit --no-fund
  # Written only after a successful install: an interrupted one is installed again next time.
  install_key >"$STAMP"
fi
