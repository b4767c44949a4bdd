#!/usr/bin/env bash
# Debian package "prometheus": promtool checks config/prometheus/alerts.yml (PrometheusRulesTest), and the server
# itself scrapes a real bridge to prove the Grafana board's queries (GrafanaBoardTest). Idempotent: does nothing when
# both are already on the PATH.
set -euo pipefail
if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then
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
command -v promtool >/dev/null && command -v prometheus >/dev/null
