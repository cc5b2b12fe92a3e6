// How tests steer the host stand-ins: the clock, the analog inputs and the EEPROM.
#pragma once

#include <stdint.h>

namespace host {

const uint16_t kEepromBytes = 1024;

// Clock at 0, EEPROM erased (0xFF), analog pins reading 0.
void reset();

void advanceMillis(unsigned long ms);

// analogRead() calls `reader` (nullptr: every pin reads 0). Each conversion takes 112 us of the
// host clock, as on an Uno.
void setAnalogReader(int (*reader)(uint8_t pin));

uint8_t* eepromBytes();
void eraseEeprom();
// Cells actually written since reset() (EEPROM.update skips unchanged cells).
unsigned long eepromWrites();

}  // namespace host
