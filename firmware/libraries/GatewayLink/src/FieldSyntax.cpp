#include "FieldSyntax.h"

namespace gwlink {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Skips a run of digits; returns how many there were.
uint8_t skipDigits(const char*& cursor) {
  uint8_t count = 0;
  while (isDigit(*cursor)) {
    ++cursor;
    if (count < 255) ++count;
  }
  return count;
}

}  // namespace

bool isFieldByte(uint8_t byte) {
  return byte >= 0x20 && byte <= 0x7E && byte != '$' && byte != '*' && byte != ',';
}

bool isNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c == '_' || c == '.' ||
         c == '-';
}

bool isValidName(TextRef name) {
  size_t length = 0;
  for (char c = name.at(0); c != '\0'; c = name.at(length)) {
    if (!isNameChar(c) || length == kMaxNameLength) return false;
    ++length;
  }
  return length > 0;
}

bool isDataFrameType(char type) { return type == 'R' || type == 'E'; }

bool isHexDigit(char c) { return isDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }

uint8_t hexValue(char c) {
  if (isDigit(c)) return static_cast<uint8_t>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
  return static_cast<uint8_t>(c - 'A' + 10);
}

char hexDigit(uint8_t nibble) {
  nibble &= 0x0F;
  return static_cast<char>(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}

bool parseUnsigned(const char* text, uint32_t* value) {
  const uint32_t kMax = 4294967295UL;
  uint32_t result = 0;
  uint8_t digits = 0;
  for (; isDigit(*text); ++text) {
    const uint8_t digit = static_cast<uint8_t>(*text - '0');
    if (++digits > 10 || result > (kMax - digit) / 10) return false;
    result = result * 10 + digit;
  }
  if (digits == 0 || *text != '\0') return false;
  *value = result;
  return true;
}

bool isDecimalNumber(const char* text) {
  if (*text == '-') ++text;
  if (skipDigits(text) == 0) return false;
  if (*text == '.') {
    ++text;
    if (skipDigits(text) == 0) return false;
  }
  if (*text == 'e' || *text == 'E') {
    ++text;
    if (*text == '-' || *text == '+') ++text;
    if (skipDigits(text) == 0) return false;
  }
  return *text == '\0';
}

}  // namespace gwlink
