#!/usr/bin/env bash
# Backlog drain and disk writes of the gateway with its durable store (docs/benchmarks.md).
#
#   bench/drain.sh GATEWAY_EXE [READINGS]        (default 1,000,000 readings)
#
# 1. The gateway runs with its broker away; READINGS frames go through a pseudo-terminal as fast as it
#    takes them, and are stored. Bytes the gateway wrote to disk (/proc/PID/io write_bytes) are set
#    against the bytes of the frames it took.
# 2. Mosquitto starts on the broker's port with a counting subscriber: the drain rate is the readings
#    per second from the first to the last one received (every sequence number checked).
# Needs: mosquitto, mosquitto-clients, python3. Everything binds to 127.0.0.1 and is stopped by PID.
set -euo pipefail
exe=$(readlink -f "$1")
total=${2:-1000000}
work=$(mktemp -d /tmp/gw-drain-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

cat > "$work/feed.py" <<'EOF'
# Writes N sequenced reading frames into a pty as fast as it takes them; prints the frame bytes written.
import binascii, os, sys, tty, time
n = int(sys.argv[1]); link = sys.argv[2]
m, s = os.openpty(); tty.setraw(s)
os.symlink(os.ttyname(s), link)
print("ready", flush=True)
sys.stdin.readline()                      # go
written = 0; batch = []
for seq in range(1, n + 1):
    body = b"R,%d,temp=%.2f,hum=%.1f" % (seq, 20 + seq % 97 / 10, 30 + seq % 13)
    batch.append(b"$" + body + b"*%04X\n" % binascii.crc_hqx(body, 0xFFFF))
    if len(batch) == 64 or seq == n:
        data = b"".join(batch); batch = []
        view = memoryview(data)
        while view:
            view = view[os.write(m, view):]
        written += len(data)
print("bytes", written, flush=True)
time.sleep(3600)
EOF

coproc FEED { exec python3 "$work/feed.py" "$total" "$work/tty"; }
pids+=("$FEED_PID")
read -r _ <&"${FEED[0]}"
"$exe" run --id drain --serial "$work/tty" --mqtt "127.0.0.1:$port" --data "$work/data" \
  --set Serial:HelloWaitMs=200 --set Logging:LogLevel:Default=Warning --set Health:IntervalSeconds=1 \
  --set Store:MaxBytes=2147483648 > "$work/gateway.log" 2>&1 &
gw=$!; pids+=("$gw")
sleep 2
io_before=$(awk '/^write_bytes/ {print $2}' "/proc/$gw/io")
start=$(date +%s.%N)
echo go >&"${FEED[1]}"
read -r _ frame_bytes <&"${FEED[0]}"
appended() { "$exe" status --json --data "$work/data" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["store"]["appended"])' 2>/dev/null || echo 0; }
while [ "$(appended)" -lt "$total" ]; do sleep 1; done
ingest=$(echo "$(date +%s.%N) - $start" | bc)
sleep 2   # the last commit and its fsync
io_after=$(awk '/^write_bytes/ {print $2}' "/proc/$gw/io")
written=$((io_after - io_before))
printf 'ingest: %d readings (%d frame bytes) in %.1f s through the pty: %.0f readings/s\n' "$total" "$frame_bytes" "$ingest" "$(echo "$total / $ingest" | bc -l)"
printf 'disk: %d bytes written by the gateway: %.2f bytes per frame byte, %.0f bytes per reading\n' \
  "$written" "$(echo "$written / $frame_bytes" | bc -l)" "$(echo "$written / $total" | bc -l)"

printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 0\nmax_inflight_messages 0\n' "$port" > "$work/mosquitto.conf"
mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
pids+=("$!")
sleep 0.3
mosquitto_sub -p "$port" -q 1 -t 'gateway/drain/devices/+/readings' -F '%U %p' > "$work/sub.out" &
pids+=("$!")
# Wait for the backlog to be drained (the store's backlog reaches 0), then check what arrived.
for _ in $(seq 600); do
  backlog=$("$exe" status --json --data "$work/data" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["uplinks"][0]["backlog"])' 2>/dev/null || echo -1)
  [ "$backlog" = 0 ] && break
  sleep 1
done
sleep 1
python3 - "$work/sub.out" "$total" <<'EOF'
import json, sys
times = []; seqs = set()
for line in open(sys.argv[1]):
    at, _, payload = line.partition(" ")
    try: seqs.add(json.loads(payload)["seq"]); times.append(float(at))
    except Exception: pass
n = int(sys.argv[2]); missing = n - len(seqs & set(range(1, n + 1)))
span = max(times) - min(times) if len(times) > 1 else float("nan")
print(f"drain: {len(times)} messages, {len(seqs)} distinct readings in {span:.1f} s: {len(seqs) / span:,.0f} readings/s into the broker; missing {missing}, duplicates {len(times) - len(seqs)}")
EOF
echo "files: $work"
