#include "EepromBytes.h"

#include <EEPROM.h>

#include "Crc16.h"

namespace gwlink {
namespace eeprom {

void readBytes(int address, void* data, size_t length) {
  uint8_t* bytes = static_cast<uint8_t*>(data);
  for (size_t i = 0; i < length; ++i) bytes[i] = EEPROM.read(address + static_cast<int>(i));
}

void updateBytes(int address, const void* data, size_t length) {
  const uint8_t* bytes = static_cast<const uint8_t*>(data);
  for (size_t i = 0; i < length; ++i) EEPROM.update(address + static_cast<int>(i), bytes[i]);
}

uint16_t crcOfBytes(int address, size_t length, uint16_t crc) {
  for (size_t i = 0; i < length; ++i) {
    crc = crc16Update(crc, EEPROM.read(address + static_cast<int>(i)));
  }
  return crc;
}

uint16_t readU16(int address) {
  return static_cast<uint16_t>((EEPROM.read(address) << 8) | EEPROM.read(address + 1));
}

uint32_t readU32(int address) {
  return (static_cast<uint32_t>(readU16(address)) << 16) | readU16(address + 2);
}

void updateU16(int address, uint16_t value) {
  EEPROM.update(address, static_cast<uint8_t>(value >> 8));
  EEPROM.update(address + 1, static_cast<uint8_t>(value));
}

void updateU32(int address, uint32_t value) {
  updateU16(address, static_cast<uint16_t>(value >> 16));
  updateU16(address + 2, static_cast<uint16_t>(value));
}

}  // namespace eeprom
}  // namespace gwlink
