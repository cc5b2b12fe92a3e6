#!/usr/bin/env bash
# Installs the Debian packages that building, testing and the demo need (Debian 12), only those missing,
# and restores the .NET packages. Runs apt-get through sudo when not root.
set -euo pipefail

packages=(
  mosquitto mosquitto-clients socat
  simavr libsimavr-dev libelf-dev pkg-config
  arduino-core-avr arduino-mk gcc-avr avr-libc avrdude
  make gcc g++ clang zlib1g-dev python3
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is needed (https://learn.microsoft.com/dotnet/core/install/linux-debian)." >&2
  exit 1
fi

cd "$(dirname "$0")/.."
dotnet restore Gateway.sln --verbosity quiet
