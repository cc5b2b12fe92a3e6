#include "DecimalFormat.h"

#include <math.h>
#include <string.h>

namespace gwlink {
namespace {

// The largest float below 2^32: whole parts up to this fit an unsigned 32-bit integer.
const float kLargestFixed = 4294967040.0f;

// A magnitude rounded to a number of decimals: whole + fraction / 10^decimals.
struct Rounded {
  uint32_t whole;
  uint32_t fraction;
};

// Rounds half away from zero. The fraction is scaled on its own, so that it keeps the float's
// precision and exact halves such as 0.125 round up.
Rounded roundToDecimals(float magnitude, uint8_t decimals) {
  uint32_t scale = 1;
  for (uint8_t i = 0; i < decimals; ++i) scale *= 10;
  Rounded rounded;
  rounded.whole = static_cast<uint32_t>(magnitude);
  const float fraction = magnitude - static_cast<float>(rounded.whole);
  rounded.fraction = static_cast<uint32_t>(fraction * static_cast<float>(scale) + 0.5f);
  if (rounded.fraction >= scale) {
    rounded.fraction -= scale;
    ++rounded.whole;
  }
  return rounded;
}

uint8_t writeRounded(char* out, Rounded rounded, uint8_t decimals) {
  uint8_t length = formatUnsigned(out, rounded.whole);
  if (decimals > 0) {
    out[length++] = '.';
    for (uint8_t i = decimals; i > 0; --i) {
      out[length + i - 1] = static_cast<char>('0' + rounded.fraction % 10);
      rounded.fraction /= 10;
    }
    length = static_cast<uint8_t>(length + decimals);
  }
  out[length] = '\0';
  return length;
}

// A magnitude of 2^32 or more: a mantissa in [1, 10) and a decimal exponent, "1.50e12".
uint8_t writeExponent(char* out, float magnitude, uint8_t decimals) {
  uint8_t exponent = 0;
  while (magnitude >= 10.0f) {
    magnitude /= 10.0f;
    ++exponent;
  }
  Rounded mantissa = roundToDecimals(magnitude, decimals);
  if (mantissa.whole >= 10) {  // 9.999... rounded up
    mantissa.whole = 1;
    mantissa.fraction = 0;
    ++exponent;
  }
  uint8_t length = writeRounded(out, mantissa, decimals);
  out[length++] = 'e';
  return static_cast<uint8_t>(length + formatUnsigned(out + length, exponent));
}

}  // namespace

uint8_t formatUnsigned(char* out, unsigned long value) {
  char reversed[kNumberTextSize];
  uint8_t count = 0;
  do {
    reversed[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (uint8_t i = 0; i < count; ++i) out[i] = reversed[count - 1 - i];
  out[count] = '\0';
  return count;
}

uint8_t formatSigned(char* out, long value) {
  if (value >= 0) return formatUnsigned(out, static_cast<unsigned long>(value));
  out[0] = '-';
  // Negate in unsigned arithmetic so that the most negative long works too.
  const unsigned long magnitude = 0UL - static_cast<unsigned long>(value);
  return static_cast<uint8_t>(1 + formatUnsigned(out + 1, magnitude));
}

uint8_t formatFloat(char* out, float value, uint8_t decimals) {
  out[0] = '\0';
  if (isnan(value) || isinf(value)) return 0;
  if (decimals > kMaxDecimals) decimals = kMaxDecimals;

  const bool negative = value < 0.0f;
  const float magnitude = negative ? -value : value;
  char* digits = out + 1;  // out[0] is kept for the sign
  uint8_t length;
  bool isZero = false;
  if (magnitude <= kLargestFixed) {
    const Rounded rounded = roundToDecimals(magnitude, decimals);
    isZero = rounded.whole == 0 && rounded.fraction == 0;
    length = writeRounded(digits, rounded, decimals);
  } else {
    length = writeExponent(digits, magnitude, decimals);
  }
  if (negative && !isZero) {
    out[0] = '-';
    return static_cast<uint8_t>(length + 1);
  }
  memmove(out, digits, length + 1);
  return length;
}

}  // namespace gwlink
