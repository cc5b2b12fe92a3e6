// A small record of sketch settings in EEPROM (e.g. the sample interval), kept with its size and a
// CRC so that an erased, foreign or half-written record is recognised. Layout: EepromLayout.h.
//
//   struct Settings { uint32_t intervalMs; } settings;
//   if (!gwlink::loadSettings(&settings, sizeof(settings))) settings.intervalMs = 1000;
//
// Check the loaded values' ranges too: the record proves integrity, not sense. Change the struct
// and its size changes, so records of an older layout of a different size are not loaded.
#pragma once

#include <stdint.h>

namespace gwlink {

const uint8_t kSettingsCapacity = 29;

// True when a valid record of exactly `size` bytes was read into `data`.
bool loadSettings(void* data, uint8_t size);

// Stores the record, writing only the bytes that change. False when size is 0 or over capacity.
bool saveSettings(const void* data, uint8_t size);

}  // namespace gwlink
