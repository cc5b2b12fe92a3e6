#!/usr/bin/env bash
# Publishes the gateway as one native executable (NativeAOT) for this machine's architecture, or for
# RID (linux-arm64 for a 64-bit Raspberry Pi OS, linux-arm for 32-bit):
#   provisioning/publish.sh [RID] [OUTPUT_DIR]
# NativeAOT compiles on the machine it targets (it needs clang and zlib1g-dev there: run it on the Pi,
# or in an arm64 Debian container). For a cross build from a PC, use a framework-dependent publish:
#   dotnet publish gateway/Gateway -c Release -r linux-arm64 --self-contained false -o out
set -euo pipefail
cd "$(dirname "$0")/.."
arch=$(uname -m)
case "$arch" in aarch64) default=linux-arm64 ;; armv7l) default=linux-arm ;; *) default=linux-x64 ;; esac
rid=${1:-$default}
out=${2:-.build/publish/$rid}
dotnet publish gateway/Gateway -c Release -r "$rid" -p:PublishAot=true -o "$out" --nologo
rm -f "$out"/*.pdb "$out"/*.dbg
echo "Published to $out ($(du -sh "$out" | cut -f1))"
