#!/usr/bin/env bash
# Usage: scripts/chromium.sh
# Installs Debian's chromium (/usr/bin/chromium) when it is missing: the browser tests
# (tests/P2C2R.Browser.Tests) drive it headless through Playwright, whose own browser download
# is not used. Exits 0 either way: without a browser those tests are skipped with the reason.
set -uo pipefail
cd "$(dirname "$0")/.."
exec scripts/debian-package.sh chromium 'test -x /usr/bin/chromium'
