#include "EepromImage.h"

#include <stdio.h>
#include <stdlib.h>

#include "Crc16.h"
#include "HostControl.h"

namespace {

void putU32(uint8_t* at, uint32_t value) {
  for (int i = 0; i < 4; ++i) at[i] = static_cast<uint8_t>(value >> (24 - 8 * i));
}

void putU16(uint8_t* at, uint16_t value) {
  at[0] = static_cast<uint8_t>(value >> 8);
  at[1] = static_cast<uint8_t>(value);
}

}  // namespace

void presetIdentity(const std::string& idHex, uint32_t lastBootId) {
  uint8_t* eeprom = host::eepromBytes();
  eeprom[0] = 'G';
  eeprom[1] = 'W';
  eeprom[2] = 'L';
  eeprom[3] = '1';
  for (int i = 0; i < 8; ++i) {
    eeprom[4 + i] = static_cast<uint8_t>(strtoul(idHex.substr(2 * i, 2).c_str(), nullptr, 16));
  }
  putU16(eeprom + 12, gwlink::crc16(eeprom, 12));
  putU32(eeprom + 16, lastBootId);
  putU16(eeprom + 20, gwlink::crc16(eeprom + 16, 4));
}

std::string storedIdHex() {
  std::string hex;
  for (int i = 0; i < 8; ++i) {
    char digits[4];
    snprintf(digits, sizeof(digits), "%02X", host::eepromBytes()[4 + i]);
    hex += digits;
  }
  return hex;
}

uint32_t bootSlotCounter(int slotOffset) {
  const uint8_t* at = host::eepromBytes() + slotOffset;
  return (uint32_t(at[0]) << 24) | (uint32_t(at[1]) << 16) | (uint32_t(at[2]) << 8) | at[3];
}
