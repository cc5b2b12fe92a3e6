// Writes and reads the library's EEPROM area directly (layout: src/EepromLayout.h), so that tests
// can start from a known board and see exactly what the library stored.
#pragma once

#include <stdint.h>

#include <string>

// An identity as a board that has booted `lastBootId` times would hold it (counter in slot A).
void presetIdentity(const std::string& idHex, uint32_t lastBootId);

std::string storedIdHex();
uint32_t bootSlotCounter(int slotOffset);  // slot A at 16, slot B at 22
