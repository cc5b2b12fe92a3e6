#!/bin/sh
# The gateway as a bridge for the peer harness: reads the harness's pty, publishes to its broker, with
# the durable store on in a fresh data directory. Usage: gateway-bridge.sh GATEWAY_EXE PTY HOST PORT
exe=$1 pty=$2 host=$3 port=$4
data=$(mktemp -d /tmp/gw-bench-XXXXXX)
exec "$exe" run --id bench --serial "$pty" --mqtt "$host:$port" --data "$data" \
  --set Serial:HelloWaitMs=300 --set Logging:LogLevel:Default=Warning
