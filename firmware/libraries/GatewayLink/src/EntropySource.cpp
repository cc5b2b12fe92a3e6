#include "EntropySource.h"

#include <Arduino.h>

namespace gwlink {
namespace {

const uint16_t kSamples = 512;

uint32_t rotateLeft(uint32_t value, uint8_t bits) {
  return (value << bits) | (value >> (32 - bits));
}

// Spreads every input bit over the whole word (an avalanche step: xor-shift and odd multipliers).
uint32_t avalanche(uint32_t value) {
  value ^= value >> 16;
  value *= 0x7FEB352DUL;
  value ^= value >> 15;
  value *= 0x846CA68BUL;
  value ^= value >> 16;
  return value;
}

}  // namespace

DeviceId gatherDeviceId(uint8_t floatingAnalogPin) {
  uint32_t low = 0x243F6A88UL;  // arbitrary non-zero starting words
  uint32_t high = 0x85A308D3UL;
  for (uint16_t i = 0; i < kSamples; ++i) {
    const uint32_t sample = (static_cast<uint32_t>(analogRead(floatingAnalogPin)) << 20) ^
                            static_cast<uint32_t>(micros());
    low = (rotateLeft(low, 5) ^ sample) * 0x9E3779B1UL;
    high = (rotateLeft(high, 11) ^ low ^ i) * 0x85EBCA77UL;
  }
  low = avalanche(low ^ rotateLeft(high, 16));
  high = avalanche(high ^ low);

  DeviceId id;
  for (uint8_t i = 0; i < 4; ++i) {
    id.bytes[i] = static_cast<uint8_t>(high >> (24 - 8 * i));
    id.bytes[4 + i] = static_cast<uint8_t>(low >> (24 - 8 * i));
  }
  return id;
}

}  // namespace gwlink
