// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final xor.
// Check value: "123456789" -> 0x29B1.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace gwlink {

const uint16_t kCrcInitial = 0xFFFF;

// Folds one byte into a running CRC.
uint16_t crc16Update(uint16_t crc, uint8_t byte);

// CRC of a whole buffer, optionally continuing from an earlier running value.
uint16_t crc16(const void* data, size_t length, uint16_t crc = kCrcInitial);

}  // namespace gwlink
