#!/usr/bin/env bash
# The gateway's main job end to end, on built-in defaults and no hardware: the real sensor-node
# firmware on emulated Arduino Unos, a local Mosquitto on loopback, the gateway, and the readings live
# in this terminal until Ctrl-C. Usage: ./demo.sh [number of boards, default 2]
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
boards=${1:-2}
work="$root/.build/demo"
pids=()

cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping the demo..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -f "$work"/uno-*.in
}
trap cleanup INT TERM EXIT

echo "== Installing what is missing and building (first run: a few minutes)"
provisioning/install-build-deps.sh
make -C firmware all >/dev/null
dotnet build gateway/Gateway -c Release --nologo --verbosity quiet -o "$work/bin" >/dev/null

mkdir -p "$work"
port=18830
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
cat >"$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
log_dest stderr
CONF
mosquitto -c "$work/mosquitto.conf" 2>"$work/mosquitto.log" &
pids+=($!)

serial_args=()
for i in $(seq 1 "$boards"); do
  fifo="$work/uno-$i.in"
  rm -f "$fifo" && mkfifo "$fifo"
  # Each board keeps its EEPROM (and so its device id) between demo runs.
  firmware/build/avr-board --firmware firmware/build/sensor-node/sensor-node.elf \
    --link "$work/uno-$i" --eeprom "$work/uno-$i.eeprom" \
    --adc 0=$((700 + 60 * i)) --adc 1=$((1500 + 800 * i)) <"$fifo" >"$work/uno-$i.log" 2>&1 &
  pids+=($!)
  exec {fd}>"$fifo"
  eval "exec $((10 + i))>&$fd"
  serial_args+=(--serial "$work/uno-$i")
done

# Let the emulated sensors drift: the temperature input wanders by a degree or two.
(
  t=0
  while sleep 2; do
    t=$((t + 1))
    for i in $(seq 1 "$boards"); do
      mv=$((700 + 60 * i + (t * 7 * i) % 40 - 20))
      echo "adc 0 $mv" >&$((10 + i)) 2>/dev/null || exit 0
    done
  done
) &
pids+=($!)

sleep 0.5
"$work/bin/gateway" run --id demo-gw --data "$work/data" --mqtt "127.0.0.1:$port" "${serial_args[@]}" \
  --set Logging:LogLevel:Default=Warning > >(sed 's/^/[gateway] /') 2>&1 &
pids+=($!)

cat <<INFO

== Demo running: $boards emulated Uno(s) → gateway → Mosquitto on 127.0.0.1:$port
   Every message:    mosquitto_sub -p $port -t 'gateway/#' -v
   Switch a relay:   mosquitto_pub -p $port -t 'gateway/demo-gw/devices/<device id>/commands' -m 'out 7 1'
   Results appear on gateway/demo-gw/devices/<device id>/commands/result. Ctrl-C stops everything.

INFO

mosquitto_sub -p "$port" -v \
  -t 'gateway/demo-gw/status' \
  -t 'gateway/demo-gw/devices/+/availability' \
  -t 'gateway/demo-gw/devices/+/readings' \
  -t 'gateway/demo-gw/devices/+/events' \
  -t 'gateway/demo-gw/devices/+/commands/result' &
pids+=($!)
wait "${pids[-1]}"
