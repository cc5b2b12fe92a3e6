// Numbers as text in the value grammar of ADR 0001, without printf and without "nan"/"inf"/"ovf".
#pragma once

#include <stdint.h>

namespace gwlink {

// Room for any text these functions write, including the terminating NUL (a 64-bit long on a
// host build needs 21 characters).
const uint8_t kNumberTextSize = 24;

// Most digits after the decimal point; a float carries about 7 significant digits.
const uint8_t kMaxDecimals = 6;

// Each writes NUL-terminated text into `out` (kNumberTextSize bytes) and returns its length.
uint8_t formatUnsigned(char* out, unsigned long value);
uint8_t formatSigned(char* out, long value);

// Fixed-point with `decimals` digits after the point (at most kMaxDecimals), rounded half away
// from zero: 21.5 with 2 decimals is "21.50". Magnitudes of 2^32 and above are written in
// exponent form ("1.50e12"). A value that rounds to zero is written without a sign.
// Returns 0 and writes "" when the value is NaN or infinite: such a value has no valid text.
uint8_t formatFloat(char* out, float value, uint8_t decimals);

}  // namespace gwlink
