#!/usr/bin/env bash
# Self-test of avr-board: runs the echo sketch (test/echo) on emulated boards and
# checks the serial port, the stdin/stdout protocol, pacing, reset-on-open, EEPROM
# persistence and flashing through Optiboot with avrdude.
# Usage: test/run-tests.sh   (BUILD=dir of avr-board, default ../build; KEEP=1 keeps
#        the work directory with each runner's stdout and stderr)
# Prints "N passed, N failed" last; exits non-zero on failure. Every process it starts
# is stopped by PID on the way out.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EMU=$(dirname "$HERE")
BUILD=${BUILD:-$(cd "$EMU/.." && pwd)/build}
BIN=$BUILD/avr-board
OPTIBOOT=$BUILD/optiboot/optiboot_atmega328.hex
SKETCH=$BUILD/emulator-test/echo
WORK=$(mktemp -d "${TMPDIR:-/tmp}/avr-board-test.XXXXXX")

PASSED=0
FAILED=0
declare -A PID CMD SER
GOT=""

pass() { PASSED=$((PASSED + 1)); echo "ok - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "not ok - $1${2:+ ($2)}"; }
check() { # description, then a command: pass if it succeeds
  local what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

now_ns() { date +%s%N; }

cleanup() {
  local name p
  for name in "${!SER[@]}"; do eval "exec ${SER[$name]}>&-"; done
  for name in "${!CMD[@]}"; do eval "exec ${CMD[$name]}>&-"; done
  for name in "${!PID[@]}"; do
    p=${PID[$name]}
    kill -0 "$p" 2>/dev/null && kill -TERM "$p" 2>/dev/null
  done
  for name in "${!PID[@]}"; do
    p=${PID[$name]}
    for _ in $(seq 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
    kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  if [ -n "${KEEP:-}" ]; then echo "# kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- helpers ----

# start_board NAME ARGS...: runs avr-board with stdin from a FIFO we hold open.
start_board() {
  local name=$1 fd; shift
  rm -f "$WORK/$name.in"
  mkfifo "$WORK/$name.in"
  "$BIN" "$@" <"$WORK/$name.in" >"$WORK/$name.out" 2>>"$WORK/$name.err" &
  PID[$name]=$!
  exec {fd}>"$WORK/$name.in"
  CMD[$name]=$fd
}

# stop_board NAME: closes the command FIFO if still open, waits for the exit (5 s).
# Sets STATUS to the exit code (or "running").
stop_board() {
  local name=$1 p=${PID[$1]}
  if [ -n "${CMD[$name]:-}" ]; then eval "exec ${CMD[$name]}>&-"; unset "CMD[$name]"; fi
  wait_exit "$name" 5
}

wait_exit() { # NAME SECONDS: sets STATUS
  local name=$1 p=${PID[$1]} i
  STATUS=running
  for ((i = 0; i < $2 * 20; i++)); do
    if ! kill -0 "$p" 2>/dev/null; then
      { wait "$p"; } 2>/dev/null; STATUS=$?; unset "PID[$name]"; return 0
    fi
    sleep 0.05
  done
  return 1
}

send() { echo "$2" >&"${CMD[$1]}"; }

lines() { wc -l <"$WORK/$1.out"; }

# wait_out NAME REGEX SECONDS [AFTER_LINE]: waits for a stdout line matching REGEX.
wait_out() {
  local f=$WORK/$1.out re=$2 after=${4:-0} deadline=$(($(now_ns) + $3 * 1000000000))
  while (($(now_ns) < deadline)); do
    if tail -n +"$((after + 1))" "$f" | grep -Eq -- "$re"; then return 0; fi
    sleep 0.05
  done
  return 1
}

serial_open() { local fd; exec {fd}<>"$2" || return 1; SER[$1]=$fd; }
serial_close() { eval "exec ${SER[$1]}>&-"; unset "SER[$1]"; }
serial_send() { printf '%s\n' "$2" >&"${SER[$1]}"; }

# serial_expect NAME REGEX SECONDS: reads serial lines until one matches; sets GOT.
serial_expect() {
  local fd=${SER[$1]} re=$2 deadline=$(($(now_ns) + $3 * 1000000000)) line left
  GOT=""
  while :; do
    left=$(((deadline - $(now_ns)) / 1000000))
    ((left > 0)) || return 1
    if IFS= read -r -t "$((left / 1000)).$(printf '%03d' $((left % 1000)))" -u "$fd" line; then
      line=${line%$'\r'}
      if [[ $line =~ $re ]]; then GOT=$line; return 0; fi
    fi
  done
}

link_points_to_pty() { # NAME LINK: the link exists and names the pty of the first line
  local first
  first=$(head -n 1 "$WORK/$1.out")
  [[ $first =~ ^pty\ (/dev/pts/[0-9]+)$ ]] && [ "$(readlink "$2")" = "${BASH_REMATCH[1]}" ]
}

# ---- build ----

if [ ! -x "$BIN" ] || [ ! -f "$OPTIBOOT" ]; then
  make -C "$EMU" all >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; }
fi
check "avr-board and optiboot are built" test -x "$BIN" -a -f "$OPTIBOOT"
if make -C "$HERE/echo" OBJDIR="$SKETCH" >"$WORK/sketch.log" 2>&1 && [ -f "$SKETCH/echo.elf" ]; then
  pass "test sketch builds (arduino-mk)"
else
  cat "$WORK/sketch.log"
  fail "test sketch builds (arduino-mk)"
  echo "$PASSED passed, $FAILED failed"
  exit 1
fi

# ---- two boards at once: A runs the ELF, B the hex ----

start_board a --firmware "$SKETCH/echo.elf" --link "$WORK/a.tty" --eeprom "$WORK/a.ee" --verbose
start_board b --firmware "$SKETCH/echo.hex" --link "$WORK/b.tty" --eeprom "$WORK/b.ee"
wait_out a '^reset power$' 5
wait_out b '^reset power$' 5
check "A: first line is the pty, --link points to it" link_points_to_pty a "$WORK/a.tty"
check "B: first line is the pty, --link points to it" link_points_to_pty b "$WORK/b.tty"
check "A and B have different ptys" test "$(head -n1 "$WORK/a.out")" != "$(head -n1 "$WORK/b.out")"
check "A: power-on reset reported" wait_out a '^reset power$' 1
check "A: libsimavr output kept off stdout" \
  bash -c "! grep -Ev '^(pty|reset|dout|open|close|ok|error|halt)( |$)' '$WORK/a.out'"

mark=$(lines a)
serial_open a "$WORK/a.tty"
check "A: open reported, MCU reset on open" wait_out a '^open$' 3 "$mark"
check "A: 'reset open' line" wait_out a '^reset open$' 3 "$mark"
if serial_expect a '^BOOT [0-9]+ [0-9A-F]+$' 5; then
  pass "A: boot banner after open"
  read -r _ a_boot a_id <<<"$GOT"
else
  fail "A: boot banner after open"; a_boot=0; a_id=none
fi

serial_send a "hello world"
check "A: echo round trip" serial_expect a '^ECHO hello world$' 3

# Six 60-byte lines back to back: 366 bytes, far more than the sketch's 64-byte
# receive buffer, must arrive whole at line rate.
burst_ok=1
burst=""
for i in 1 2 3 4 5 6; do
  burst+="line$i-$(printf 'x%.0s' $(seq 54))"$'\n'
done
printf '%s' "$burst" >&"${SER[a]}"
for i in 1 2 3 4 5 6; do
  serial_expect a "^ECHO line$i-x{54}$" 5 || { burst_ok=0; break; }
done
check "A: 366-byte burst echoed without loss" test "$burst_ok" = 1

send a "adc 0 2500"
wait_out a '^ok adc 0 2500$' 3
serial_send a "A"
if serial_expect a '^A0 [0-9]+$' 3; then
  v=${GOT#A0 }
  check "A: adc 0 2500 -> analogRead(A0)=$v, 511+-2" test "$v" -ge 509 -a "$v" -le 513
else
  fail "A: analogRead(A0) answer"
fi
send a "adc 0 5000"
serial_send a "A"
serial_expect a '^A0 [0-9]+$' 3
check "A: adc 0 5000 -> analogRead(A0)=${GOT#A0 } (1023)" test "${GOT#A0 }" = 1023

mark=$(lines a)
send a "din 2 0"
check "A: din 2 0 -> dout 13 0 (INPUT_PULLUP button pressed)" wait_out a '^dout 13 0$' 3 "$mark"
mark=$(lines a)
send a "din 2 1"
check "A: din 2 1 -> dout 13 1" wait_out a '^dout 13 1$' 3 "$mark"
mark=$(lines a)
send a "din 2 0"
wait_out a '^dout 13 0$' 3 "$mark"
mark=$(lines a)
send a "din 2 z"
check "A: din 2 z (released, pull-up) -> dout 13 1" wait_out a '^dout 13 1$' 3 "$mark"
send a "bogus"
check "A: unknown command -> error line" wait_out a '^error ' 3

# Pacing: millis() against the wall clock over 5 s. The sketch reads millis() somewhere
# between sending "M" and reading its answer back; bash adds tens of milliseconds around
# both, so the check takes the widest and narrowest wall-clock spans this allows.
t1=$(now_ns); serial_send a "M"; serial_expect a '^MS [0-9]+$' 3; t1b=$(now_ns); m1=${GOT#MS }
sleep 5
t2=$(now_ns); serial_send a "M"; serial_expect a '^MS [0-9]+$' 3; t2b=$(now_ns); m2=${GOT#MS }
sim_ms=$((m2 - m1))
wide_ms=$(((t2b - t1) / 1000000))
narrow_ms=$(((t2 - t1b) / 1000000))
echo "# pacing: millis advanced $sim_ms ms while the wall clock advanced $narrow_ms to $wide_ms ms"
check "A: millis() keeps pace with the wall clock within 5%" \
  awk -v s="$sim_ms" -v w="$wide_ms" -v n="$narrow_ms" 'BEGIN { exit !(n > 0 && s / w <= 1.05 && s / n >= 0.95) }'

# Reopen: a second reset and banner.
serial_close a
check "A: close reported" wait_out a '^close$' 3
mark=$(lines a)
serial_open a "$WORK/a.tty"
check "A: reopen resets again" wait_out a '^reset open$' 3 "$mark"
if serial_expect a '^BOOT [0-9]+ [0-9A-F]+$' 5; then
  read -r _ n id <<<"$GOT"
  check "A: banner again, boot count $a_boot -> $n, same id" test "$n" = $((a_boot + 1)) -a "$id" = "$a_id"
  a_boot=$n
else
  fail "A: banner again after reopen"
fi

mark=$(lines a)
send a "reset"
check "A: reset command -> 'reset command' then 'ok reset'" \
  bash -c "sleep 0.3; tail -n +$((mark + 1)) '$WORK/a.out' | grep -A1 -x 'reset command' | grep -qx 'ok reset'"
serial_expect a '^BOOT [0-9]+ [0-9A-F]+$' 5 && a_boot=$(awk '{print $2}' <<<"$GOT")

# A sketch that reboots through the watchdog: one reset, and the sketch runs again
# (without a bootloader the runner turns the watchdog off, as Optiboot would).
mark=$(lines a)
serial_send a "R"
check "A: watchdog reboot -> 'reset watchdog'" wait_out a '^reset watchdog$' 3 "$mark"
if serial_expect a '^BOOT [0-9]+ [0-9A-F]+$' 5; then
  n=$(awk '{print $2}' <<<"$GOT")
  check "A: sketch boots again after the watchdog reset ($a_boot -> $n)" test "$n" = $((a_boot + 1))
  a_boot=$n
else
  fail "A: sketch boots again after the watchdog reset"
fi
sleep 0.5
check "A: exactly one watchdog reset (no reset loop)" \
  test "$(tail -n +$((mark + 1)) "$WORK/a.out" | grep -c '^reset watchdog$')" = 1

# B: independent board, same sketch, started at the same moment.
# Bytes sent before the sketch has started its UART are lost, as on a real Uno: wait
# for the banner first.
serial_open b "$WORK/b.tty"
if serial_expect b '^BOOT [0-9]+ [0-9A-F]+$' 5; then
  b_id=$(awk '{print $3}' <<<"$GOT")
  check "A and B made different ids from A5 noise ($a_id, $b_id)" test "$a_id" != "$b_id"
else
  fail "B: boot banner"
fi
serial_send b "from b"
check "B: echo round trip while A runs" serial_expect b '^ECHO from b$' 5
# Closed and reopened at once (between two polls): still a close, an open, a reset.
mark=$(lines b)
serial_close b
serial_open b "$WORK/b.tty"
check "B: immediate reopen -> close, open, reset open, banner" \
  bash -c "sleep 0.3; tail -n +$((mark + 1)) '$WORK/b.out' | tr '\n' ' ' | grep -q 'close open reset open'"
check "B: banner after the immediate reopen" serial_expect b '^BOOT [0-9]+ ' 5
serial_close b

# B ends on EOF of stdin: no orphan when the controller goes away.
stop_board b
check "B: exits 0 on EOF of stdin" test "$STATUS" = 0
check "B: --link removed at exit" test ! -e "$WORK/b.tty" -a ! -L "$WORK/b.tty"

# ---- EEPROM persistence: quit, restart, kill -9, restart ----

serial_close a
send a "quit"
check "A: quit -> 'ok quit'" wait_out a '^ok quit$' 3
stop_board a
check "A: exits 0 after quit" test "$STATUS" = 0
check "A: EEPROM file written (1024 bytes)" test "$(stat -c %s "$WORK/a.ee" 2>/dev/null)" = 1024

start_board a --firmware "$SKETCH/echo.elf" --link "$WORK/a.tty" --eeprom "$WORK/a.ee"
wait_out a '^reset power$' 5
serial_open a "$WORK/a.tty"
if serial_expect a '^BOOT [0-9]+ [0-9A-F]+$' 5; then
  read -r _ n id <<<"$GOT"
  check "A restarted: same id $id, boot count $a_boot -> $n (power + open)" \
    test "$id" = "$a_id" -a "$n" = $((a_boot + 2))
  a_boot=$n
else
  fail "A restarted: banner"
fi
sleep 0.5    # more than the 100 ms save interval
{ kill -KILL "${PID[a]}"; wait_exit a 5; } 2>/dev/null   # no "Killed" notice
serial_close a
eval "exec ${CMD[a]}>&-"; unset "CMD[a]"
check "A: killed with SIGKILL, its stale link is left" test -L "$WORK/a.tty"

start_board a --firmware "$SKETCH/echo.elf" --link "$WORK/a.tty" --eeprom "$WORK/a.ee"
wait_out a '^reset power$' 5
check "A after kill -9: stale link replaced" link_points_to_pty a "$WORK/a.tty"
serial_open a "$WORK/a.tty"
if serial_expect a '^BOOT [0-9]+ [0-9A-F]+$' 5; then
  read -r _ n id <<<"$GOT"
  check "A after kill -9: same id, boot count $a_boot -> $n" test "$id" = "$a_id" -a "$n" = $((a_boot + 2))
else
  fail "A after kill -9: banner"
fi
serial_close a
kill -TERM "${PID[a]}"
wait_exit a 5
check "A: exits 0 on SIGTERM" test "$STATUS" = 0
check "A: --link removed after SIGTERM" test ! -e "$WORK/a.tty" -a ! -L "$WORK/a.tty"

# ---- output is dropped while nobody has the port open ----

start_board d --firmware "$SKETCH/echo.hex" --link "$WORK/d.tty" --no-reset-on-open
wait_out d '^reset power$' 5
sleep 0.5    # the banner goes out to nobody
mark=$(lines d)
serial_open d "$WORK/d.tty"
wait_out d '^open$' 3 "$mark"
serial_send d "M"
serial_expect d '^(BOOT|MS) ' 3
check "D (--no-reset-on-open): no reset, no stale banner, sketch kept running ($GOT)" \
  bash -c "[[ '$GOT' =~ ^MS\ [0-9]+$ ]] && [ ${GOT#MS } -ge 400 ] && ! tail -n +$((mark + 1)) '$WORK/d.out' | grep -q '^reset'"
serial_close d
stop_board d

# ---- flashing through Optiboot with avrdude ----

if command -v avrdude >/dev/null; then
  start_board c --bootloader "$OPTIBOOT" --flash "$WORK/c.flash" --link "$WORK/c.tty"
  wait_out c '^reset power$' 5
  if timeout 90 avrdude -q -c arduino -p m328p -P "$WORK/c.tty" -b 115200 \
      -U "flash:w:$SKETCH/echo.hex:i" >"$WORK/avrdude.log" 2>&1; then
    pass "avrdude flashes the sketch through Optiboot (and verifies it)"
  else
    tail -n 15 "$WORK/avrdude.log"
    fail "avrdude flashes the sketch through Optiboot"
  fi
  check "C: reset open seen by Optiboot" wait_out c '^reset open$' 1
  serial_open c "$WORK/c.tty"
  check "C: the flashed sketch boots after Optiboot's timeout" serial_expect c '^BOOT [0-9]+ ' 8
  serial_send c "flashed"
  check "C: the flashed sketch echoes" serial_expect c '^ECHO flashed$' 3
  serial_close c
  stop_board c
  check "C: flash image kept (32768 bytes)" test "$(stat -c %s "$WORK/c.flash" 2>/dev/null)" = 32768

  start_board c --bootloader "$OPTIBOOT" --flash "$WORK/c.flash" --link "$WORK/c.tty"
  wait_out c '^reset power$' 5
  serial_open c "$WORK/c.tty"
  check "C restarted with --flash: the flashed sketch still boots" serial_expect c '^BOOT [0-9]+ ' 8
  serial_close c
  stop_board c
else
  fail "avrdude is installed"
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
