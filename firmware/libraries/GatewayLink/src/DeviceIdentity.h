// The board's identity in EEPROM: a 64-bit device id made once, and a boot counter that names each
// boot (the hello's id= and boot=). Layout: EepromLayout.h.
#pragma once

#include <stdint.h>

#include "DeviceId.h"

namespace gwlink {

class DeviceIdentity {
 public:
  DeviceIdentity();

  // Loads the id, or makes and stores one when EEPROM holds none (first boot), then counts this
  // boot. Call once per boot.
  void begin(uint8_t floatingAnalogPin);

  const DeviceId& id() const { return id_; }
  uint32_t bootId() const { return bootId_; }
  // The id was made during this boot.
  bool isNew() const { return isNew_; }

 private:
  bool loadId();
  void storeId();
  void countBoot();

  DeviceId id_;
  uint32_t bootId_;
  bool isNew_;
};

}  // namespace gwlink
