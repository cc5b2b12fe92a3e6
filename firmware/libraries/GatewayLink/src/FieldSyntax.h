// Character classes and small parsers of the frame format (ADR 0001).
#pragma once

#include <stdint.h>

#include "TextRef.h"

namespace gwlink {

const uint8_t kMaxNameLength = 32;

// A byte allowed inside a field: 0x20-0x7E except '$', '*' and ','.
bool isFieldByte(uint8_t byte);

// Names of sensors, outputs, event types and keys: [A-Za-z0-9_.-]{1,32}.
bool isNameChar(char c);
bool isValidName(TextRef name);

// True for the data frame types (R, E): numbered 1, 2, 3... and kept for resend.
bool isDataFrameType(char type);

bool isHexDigit(char c);
uint8_t hexValue(char c);       // of a hex digit, either case
char hexDigit(uint8_t nibble);  // upper case

// A sequence number or other unsigned decimal: 1 to 10 digits, at most 4294967295, leading zeros
// allowed. The whole string must be the number.
bool parseUnsigned(const char* text, uint32_t* value);

// The value grammar of a reading: -?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?
bool isDecimalNumber(const char* text);

}  // namespace gwlink
