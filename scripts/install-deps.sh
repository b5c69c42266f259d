#!/usr/bin/env bash
# Installs the OS packages the project needs when they are missing (Debian). Idempotent.
# Usage: scripts/install-deps.sh [--with-browser]
set -euo pipefail

packages=(openssh-server openssh-client sip-tester sngrep iproute2 procps sudo ansible-core python3 util-linux openssl time)
if [[ "${1:-}" == "--with-browser" || "${ORCHESTRATOR_WITH_BROWSER:-0}" == "1" ]]; then
    packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "install-deps: missing packages ${missing[*]}; run as root (apt-get needs it)." >&2
        exit 1
    fi
    echo "install-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Debian package starts a system-wide sshd where an init system runs; the lab starts its own per host.
if ! command -v dotnet >/dev/null 2>&1; then
    echo "install-deps: the .NET SDK (dotnet) is not on PATH; install .NET 10 first." >&2
    exit 1
fi
