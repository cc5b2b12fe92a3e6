#!/usr/bin/env bash
# Installs a published gateway on a Raspberry Pi (or any systemd Linux):
#   provisioning/install.sh PUBLISH_DIR
# PUBLISH_DIR comes from provisioning/publish.sh (or `dotnet publish`). Creates the `gateway` system user
# (in dialout, for serial ports), installs /opt/gateway, the systemd unit and the udev rules, and writes
# /etc/gateway/gateway.json from the example unless one exists. Run as root.
set -euo pipefail
src=${1:?usage: install.sh PUBLISH_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "run as root (sudo)" >&2; exit 1; }
[ -x "$src/gateway" ] || { echo "$src/gateway not found: publish first (provisioning/publish.sh)" >&2; exit 1; }

id gateway >/dev/null 2>&1 || useradd --system --home-dir /var/lib/gateway --shell /usr/sbin/nologin gateway
usermod -a -G dialout gateway

install -d -m 0755 /opt/gateway
cp -a "$src"/. /opt/gateway/
install -m 0644 "$here/README.md" /opt/gateway/README.md
install -d -m 0750 -o root -g gateway /etc/gateway
if [ ! -e /etc/gateway/gateway.json ]; then
  install -m 0640 -o root -g gateway "$here/provisioning/gateway.example.json" /etc/gateway/gateway.json
fi
install -d -m 0750 -o gateway -g gateway /var/lib/gateway

install -m 0644 "$here/systemd/gateway.service" /etc/systemd/system/gateway.service
install -m 0644 "$here/systemd/99-gateway-serial.rules" /etc/udev/rules.d/99-gateway-serial.rules
udevadm control --reload-rules && udevadm trigger --subsystem-match=tty || true

/opt/gateway/gateway config check --config /etc/gateway/gateway.json
systemctl daemon-reload
systemctl enable --now gateway
systemctl --no-pager status gateway || true
echo "Installed. Logs: journalctl -u gateway -f"
