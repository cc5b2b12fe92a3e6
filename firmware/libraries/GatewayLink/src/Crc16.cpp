#include "Crc16.h"

namespace gwlink {

uint16_t crc16Update(uint16_t crc, uint8_t byte) {
  crc ^= static_cast<uint16_t>(byte) << 8;
  for (uint8_t bit = 0; bit < 8; ++bit) {
    const bool carry = (crc & 0x8000) != 0;
    crc = static_cast<uint16_t>(crc << 1);
    if (carry) crc ^= 0x1021;
  }
  return crc;
}

uint16_t crc16(const void* data, size_t length, uint16_t crc) {
  const uint8_t* bytes = static_cast<const uint8_t*>(data);
  for (size_t i = 0; i < length; ++i) crc = crc16Update(crc, bytes[i]);
  return crc;
}

}  // namespace gwlink
