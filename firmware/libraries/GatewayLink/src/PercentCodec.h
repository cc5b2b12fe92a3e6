// Percent-encoding of free text in frame fields (event text, nak text): '%', '$', '*', ',' and any
// byte outside 0x20-0x7E become %XX with upper-case hex digits.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace gwlink {

// Longest encoded form of one byte ("%2C").
const uint8_t kMaxEncodedByte = 3;

bool needsPercentEncoding(uint8_t byte);

// Writes the encoded form of one byte into `out` (not NUL-terminated); returns 1 or 3.
uint8_t percentEncode(uint8_t byte, char* out);

// Decodes `encoded` into `decoded` (capacity bytes, NUL-terminated) and stores the decoded length,
// which can be shorter than strlen when the text holds %00. Accepts hex digits of either case.
// Returns false for a '%' not followed by two hex digits, or when the result does not fit.
bool percentDecode(const char* encoded, char* decoded, size_t capacity, size_t* length);

}  // namespace gwlink
