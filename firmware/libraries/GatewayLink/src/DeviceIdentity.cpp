#include "DeviceIdentity.h"

#include <string.h>

#include "Crc16.h"
#include "EepromBytes.h"
#include "EepromLayout.h"
#include "EntropySource.h"

namespace gwlink {
namespace {

const uint8_t kMarker[4] = {'G', 'W', 'L', '1'};

struct BootSlot {
  bool valid;
  uint32_t counter;
};

BootSlot readBootSlot(int address) {
  BootSlot slot;
  slot.counter = eeprom::readU32(address);
  slot.valid = eeprom::crcOfBytes(address, 4, kCrcInitial) == eeprom::readU16(address + 4);
  return slot;
}

void writeBootSlot(int address, uint32_t counter) {
  eeprom::updateU32(address, counter);
  eeprom::updateU16(address + 4, eeprom::crcOfBytes(address, 4, kCrcInitial));
}

// Counters compare modulo 2^32 so that the counter keeps working after it wraps.
bool isNewer(uint32_t candidate, uint32_t than) {
  return static_cast<int32_t>(candidate - than) > 0;
}

}  // namespace

DeviceIdentity::DeviceIdentity() : bootId_(0), isNew_(false) { memset(&id_, 0, sizeof(id_)); }

void DeviceIdentity::begin(uint8_t floatingAnalogPin) {
  isNew_ = !loadId();
  if (isNew_) {
    id_ = gatherDeviceId(floatingAnalogPin);
    storeId();
  }
  countBoot();
}

bool DeviceIdentity::loadId() {
  uint8_t marker[sizeof(kMarker)];
  eeprom::readBytes(eeprom::kIdentityMarker, marker, sizeof(marker));
  if (memcmp(marker, kMarker, sizeof(kMarker)) != 0) return false;
  const uint16_t crc =
      eeprom::crcOfBytes(eeprom::kIdentityMarker, eeprom::kIdentityCheckedBytes, kCrcInitial);
  if (crc != eeprom::readU16(eeprom::kIdentityCrc)) return false;
  eeprom::readBytes(eeprom::kDeviceId, id_.bytes, sizeof(id_.bytes));
  return true;
}

void DeviceIdentity::storeId() {
  eeprom::updateBytes(eeprom::kDeviceId, id_.bytes, sizeof(id_.bytes));
  eeprom::updateBytes(eeprom::kIdentityMarker, kMarker, sizeof(kMarker));
  const uint16_t crc =
      eeprom::crcOfBytes(eeprom::kIdentityMarker, eeprom::kIdentityCheckedBytes, kCrcInitial);
  eeprom::updateU16(eeprom::kIdentityCrc, crc);
}

void DeviceIdentity::countBoot() {
  const BootSlot a = readBootSlot(eeprom::kBootSlotA);
  const BootSlot b = readBootSlot(eeprom::kBootSlotB);
  // The newer valid slot holds the last boot id; this boot overwrites the other slot.
  const bool aIsCurrent = a.valid && (!b.valid || !isNewer(b.counter, a.counter));
  const bool bIsCurrent = b.valid && !aIsCurrent;
  const uint32_t last = aIsCurrent ? a.counter : (bIsCurrent ? b.counter : 0);
  bootId_ = last + 1;
  writeBootSlot(aIsCurrent ? eeprom::kBootSlotB : eeprom::kBootSlotA, bootId_);
}

}  // namespace gwlink
