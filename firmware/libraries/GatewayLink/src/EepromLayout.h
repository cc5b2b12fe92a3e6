// Where the library keeps its state in EEPROM: 64 bytes from GATEWAYLINK_EEPROM_BASE (default 0).
// Multi-byte numbers are stored most significant byte first. All checks are CRC-16/CCITT-FALSE.
//
//  offset  size  content
//  ------  ----  ------------------------------------------------------------------------------
//     0     4    identity marker "GWL1"
//     4     8    device id (the hello's id=)
//    12     2    CRC of bytes 0..11; marker and CRC both right = the identity is valid
//    14     2    reserved
//    16     6    boot counter slot A: counter (4) + CRC of the counter (2)
//    22     6    boot counter slot B: same
//    28     4    reserved
//    32     1    settings size n (1..29; anything else = no settings)
//    33     2    CRC of the size byte and the n settings bytes
//    35    29    settings bytes, as the sketch defines them
//
// The boot counter alternates between its two slots: the newer valid slot holds the current boot
// id, and the next boot writes the other one, so a reset during the write loses nothing.
// An erased EEPROM (all 0xFF) has no valid identity, counter or settings.
#pragma once

#include <stdint.h>

#include "LinkConfig.h"

namespace gwlink {
namespace eeprom {

const int kBase = GATEWAYLINK_EEPROM_BASE;

const int kIdentityMarker = kBase + 0;
const int kDeviceId = kBase + 4;
const int kIdentityCrc = kBase + 12;
const uint8_t kIdentityCheckedBytes = 12;

const int kBootSlotA = kBase + 16;
const int kBootSlotB = kBase + 22;

const int kSettingsSize = kBase + 32;
const int kSettingsCrc = kBase + 33;
const int kSettingsData = kBase + 35;
const uint8_t kSettingsCapacity = 29;

const uint8_t kAreaBytes = 64;

}  // namespace eeprom
}  // namespace gwlink
