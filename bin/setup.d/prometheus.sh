#!/usr/bin/env bash
# promtool (Debian package "prometheus") checks config/prometheus/alerts.yml in the test suite
# (PrometheusRulesTest). Idempotent: does nothing when promtool is already on the PATH.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# --no-install-recommends: only the binaries; the package's service is not wanted here.
$SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
command -v promtool >/dev/null
