// Compile-time settings of the GatewayLink library.
//
// Override any of them with -D on the compiler command line (arduino-mk: CPPFLAGS += -D...).
// The defaults suit an Arduino Uno (ATmega328P: 2 KB RAM, 1 KB EEPROM).
#pragma once

// Data frames (R, E) kept for the gateway's `resend` command; advertised as `rs=` in the hello.
#ifndef GATEWAYLINK_RESEND_FRAMES
#define GATEWAYLINK_RESEND_FRAMES 8
#endif

// RAM that holds those frames. Each held frame costs its payload plus 2 bytes, so 256 bytes keep
// 8 frames of up to 30 payload bytes (`temp=21.50,light=40.1` is 21). Longer frames push out older
// ones sooner; the resend ack always reports the range actually held.
#ifndef GATEWAYLINK_RESEND_BYTES
#define GATEWAYLINK_RESEND_BYTES 256
#endif

// Longest command line accepted, counted from after the `$` up to the `\n`. The longest command of
// protocol version 1 (`C,65535,interval,3600000*XXXX\r`) is 31 bytes; longer lines are dropped as
// overlong.
#ifndef GATEWAYLINK_COMMAND_LINE_BYTES
#define GATEWAYLINK_COMMAND_LINE_BYTES 64
#endif

// First EEPROM address of the library's 64-byte area (see EepromLayout.h).
#ifndef GATEWAYLINK_EEPROM_BASE
#define GATEWAYLINK_EEPROM_BASE 0
#endif

static_assert(GATEWAYLINK_RESEND_FRAMES <= 255, "GATEWAYLINK_RESEND_FRAMES must fit in a byte");
static_assert(GATEWAYLINK_RESEND_BYTES >= 2 && GATEWAYLINK_RESEND_BYTES <= 16384,
              "GATEWAYLINK_RESEND_BYTES must be 2..16384");
static_assert(GATEWAYLINK_COMMAND_LINE_BYTES >= 16 && GATEWAYLINK_COMMAND_LINE_BYTES <= 255,
              "GATEWAYLINK_COMMAND_LINE_BYTES must be 16..255");
