// Host stand-in for Arduino's EEPROM library: 1 KB (an ATmega328P's) held in memory.
#pragma once

#include <stdint.h>

class EEPROMClass {
 public:
  uint8_t read(int index) const;
  void write(int index, uint8_t value);
  void update(int index, uint8_t value);
  uint16_t length() const;
};

extern EEPROMClass EEPROM;
