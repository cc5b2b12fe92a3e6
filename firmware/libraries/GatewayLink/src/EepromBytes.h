// Small helpers over Arduino's EEPROM: multi-byte values (most significant byte first) and writes
// that skip bytes which already hold the value (EEPROM cells wear out after ~100,000 writes).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace gwlink {
namespace eeprom {

void readBytes(int address, void* data, size_t length);
void updateBytes(int address, const void* data, size_t length);
uint16_t crcOfBytes(int address, size_t length, uint16_t crc);

uint16_t readU16(int address);
uint32_t readU32(int address);
void updateU16(int address, uint16_t value);
void updateU32(int address, uint32_t value);

}  // namespace eeprom
}  // namespace gwlink
