#include "SettingsStore.h"

#include <EEPROM.h>

#include "Crc16.h"
#include "EepromBytes.h"
#include "EepromLayout.h"

namespace gwlink {

static_assert(kSettingsCapacity == eeprom::kSettingsCapacity,
              "settings capacity and layout differ");

namespace {

// The CRC covers the size byte and then the data.
uint16_t storedRecordCrc(uint8_t size) {
  const uint16_t crc = crc16Update(kCrcInitial, size);
  return eeprom::crcOfBytes(eeprom::kSettingsData, size, crc);
}

bool isStored(const void* data, uint8_t size) {
  if (EEPROM.read(eeprom::kSettingsSize) != size) return false;
  const uint8_t* bytes = static_cast<const uint8_t*>(data);
  for (uint8_t i = 0; i < size; ++i) {
    if (EEPROM.read(eeprom::kSettingsData + i) != bytes[i]) return false;
  }
  return storedRecordCrc(size) == eeprom::readU16(eeprom::kSettingsCrc);
}

}  // namespace

bool loadSettings(void* data, uint8_t size) {
  if (size == 0 || size > kSettingsCapacity) return false;
  if (EEPROM.read(eeprom::kSettingsSize) != size) return false;
  if (storedRecordCrc(size) != eeprom::readU16(eeprom::kSettingsCrc)) return false;
  eeprom::readBytes(eeprom::kSettingsData, data, size);
  return true;
}

bool saveSettings(const void* data, uint8_t size) {
  if (size == 0 || size > kSettingsCapacity) return false;
  if (isStored(data, size)) return true;
  // Invalidate first, so that a reset part-way through leaves no record rather than a mixed one.
  EEPROM.update(eeprom::kSettingsSize, 0);
  eeprom::updateBytes(eeprom::kSettingsData, data, size);
  eeprom::updateU16(eeprom::kSettingsCrc, crc16(data, size, crc16Update(kCrcInitial, size)));
  EEPROM.update(eeprom::kSettingsSize, size);
  return true;
}

}  // namespace gwlink
