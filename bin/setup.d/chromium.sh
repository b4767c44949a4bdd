#!/usr/bin/env bash
# Installs what the Hawtio browser test (ConsoleBrowserTest) needs and Maven cannot bring:
# Debian's chromium (never a browser downloaded by Playwright) and playwright-core from npm
# into src/test/browser/node_modules (gitignored). Idempotent: does nothing when both are present.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -x /usr/bin/chromium ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium fonts-liberation
fi

if [ ! -f src/test/browser/node_modules/playwright-core/package.json ]; then
    # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: playwright-core never downloads one, this only makes sure of it.
    (cd src/test/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
