#include "PercentCodec.h"

#include "FieldSyntax.h"

namespace gwlink {

bool needsPercentEncoding(uint8_t byte) { return byte == '%' || !isFieldByte(byte); }

uint8_t percentEncode(uint8_t byte, char* out) {
  if (!needsPercentEncoding(byte)) {
    out[0] = static_cast<char>(byte);
    return 1;
  }
  out[0] = '%';
  out[1] = hexDigit(byte >> 4);
  out[2] = hexDigit(byte);
  return 3;
}

bool percentDecode(const char* encoded, char* decoded, size_t capacity, size_t* length) {
  size_t count = 0;
  while (*encoded != '\0') {
    if (count + 1 >= capacity) return false;
    if (*encoded != '%') {
      decoded[count++] = *encoded++;
      continue;
    }
    if (!isHexDigit(encoded[1]) || !isHexDigit(encoded[2])) return false;
    decoded[count++] = static_cast<char>((hexValue(encoded[1]) << 4) | hexValue(encoded[2]));
    encoded += 3;
  }
  if (capacity == 0) return false;
  decoded[count] = '\0';
  *length = count;
  return true;
}

}  // namespace gwlink
