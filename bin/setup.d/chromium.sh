#!/usr/bin/env bash
# Installs what the Hawtio browser test (ConsoleBrowserTest) needs and Maven cannot bring:
# Debian's chromium (never a browser downloaded by Playwright), node/npm if absent, and playwright-core from npm
# into src/test/browser/node_modules (gitignored). Idempotent: does nothing when both are present.
set -euo pipefail
cd "$(dirname "$0")/../.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -f src/test/browser/node_modules/playwright-core/package.json ]; then
    # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: playwright-core never downloads one, this only makes sure of it.
    (cd src/test/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
