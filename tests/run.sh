#!/usr/bin/env bash
# Runs every test of Dnssec. Interop tests talk to real BIND, Unbound and OpenSSL on loopback, so this installs
# them first with apt-get (as root, or through sudo) when they are missing; the tests start and stop the servers.
# The interop hierarchy (tests/Dnssec.Tests/Interop/Hierarchy) also needs iproute2 for its loopback aliases, and
# root for them and for port 53; the DANE SMTP interop tests start private Postfix instances, which also need root.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(bind9 bind9-utils bind9-dnsutils knot-dnsutils unbound ldnsutils openssl iproute2 postfix)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
  echo "Installing ${missing[*]} for the interop tests" >&2
  # Postfix's package asks what kind of mail system to set up; the DANE interop tests run their own instances.
  echo "postfix postfix/main_mailer_type select No configuration" | "${sudo[@]}" debconf-set-selections
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The packaged services are not wanted running: tests start their own instances on loopback.
for service in named unbound postfix; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$service" 2>/dev/null; then
    systemctl stop "$service" || true
  fi
done

exec dotnet test Dnssec.sln -c Release "$@"
