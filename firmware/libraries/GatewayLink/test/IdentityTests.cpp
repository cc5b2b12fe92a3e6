// The identity, boot counter and settings kept in EEPROM.
#include <stdint.h>
#include <string.h>

#include <string>

#include <Arduino.h>

#include "DeviceIdentity.h"
#include "HostControl.h"
#include "SettingsStore.h"
#include "support/EepromImage.h"
#include "support/TestRunner.h"

using namespace gwlink;

namespace {

uint32_t noiseState = 1;

// A floating pin: a mid-scale level with a few bits of noise.
int noisyPin(uint8_t) {
  noiseState = noiseState * 1664525u + 1013904223u;
  return 500 + static_cast<int>((noiseState >> 24) & 0x0F);
}

std::string idHex(const DeviceIdentity& identity) {
  std::string hex;
  for (uint8_t byte : identity.id().bytes) {
    const char digits[] = "0123456789ABCDEF";
    hex += digits[byte >> 4];
    hex += digits[byte & 0x0F];
  }
  return hex;
}

std::string bootOnFreshEeprom(uint32_t noiseSeed) {
  host::reset();
  host::setAnalogReader(noisyPin);
  noiseState = noiseSeed;
  DeviceIdentity identity;
  identity.begin(A5);
  return idHex(identity);
}

bool areaOutsideLibraryUntouched() {
  for (int i = 64; i < host::kEepromBytes; ++i) {
    if (host::eepromBytes()[i] != 0xFF) return false;
  }
  return true;
}

}  // namespace

TEST(identity_is_made_once_and_kept) {
  host::reset();
  host::setAnalogReader(noisyPin);
  DeviceIdentity first;
  first.begin(A5);
  CHECK(first.isNew());
  CHECK_EQ(first.bootId(), 1u);
  CHECK_EQ(storedIdHex(), idHex(first));

  host::setAnalogReader(nullptr);  // other noise must not matter any more
  DeviceIdentity second;
  second.begin(A5);
  CHECK(!second.isNew());
  CHECK_EQ(idHex(second), idHex(first));
  CHECK_EQ(second.bootId(), 2u);

  DeviceIdentity third;
  third.begin(A5);
  CHECK_EQ(idHex(third), idHex(first));
  CHECK_EQ(third.bootId(), 3u);
  CHECK(areaOutsideLibraryUntouched());
}

TEST(identity_comes_from_the_noise) {
  const std::string a = bootOnFreshEeprom(1);
  const std::string b = bootOnFreshEeprom(2);
  const std::string again = bootOnFreshEeprom(1);
  CHECK(a != b);
  CHECK_EQ(again, a);
  CHECK(a != std::string(16, '0') && a != std::string(16, 'F'));
}

TEST(boot_counter_alternates_slots_and_survives_a_broken_write) {
  host::reset();
  presetIdentity("0123456789ABCDEF", 41);  // slot A holds 41
  DeviceIdentity boot42;
  boot42.begin(A5);
  CHECK_EQ(boot42.bootId(), 42u);
  CHECK_EQ(bootSlotCounter(16), 41u);
  CHECK_EQ(bootSlotCounter(22), 42u);

  DeviceIdentity boot43;
  boot43.begin(A5);
  CHECK_EQ(boot43.bootId(), 43u);
  CHECK_EQ(bootSlotCounter(16), 43u);

  // A reset while boot 43 was written leaves slot A broken: slot B still says 42.
  host::eepromBytes()[19] ^= 0x5A;
  DeviceIdentity afterBrokenWrite;
  afterBrokenWrite.begin(A5);
  CHECK_EQ(afterBrokenWrite.bootId(), 43u);
  CHECK(!afterBrokenWrite.isNew());
}

TEST(boot_counter_writes_only_its_slot) {
  host::reset();
  presetIdentity("0123456789ABCDEF", 7);
  const unsigned long before = host::eepromWrites();
  DeviceIdentity identity;
  identity.begin(A5);
  CHECK(host::eepromWrites() - before <= 6);
}

TEST(boot_counter_wraps_around) {
  host::reset();
  presetIdentity("0123456789ABCDEF", 0xFFFFFFFFUL);
  DeviceIdentity wrapped;
  wrapped.begin(A5);
  CHECK_EQ(wrapped.bootId(), 0u);
  DeviceIdentity next;
  next.begin(A5);
  CHECK_EQ(next.bootId(), 1u);
}

TEST(identity_with_a_bad_check_is_made_again) {
  host::reset();
  host::setAnalogReader(noisyPin);
  presetIdentity("0123456789ABCDEF", 3);
  host::eepromBytes()[6] ^= 0x01;  // one bit of the id flipped
  DeviceIdentity identity;
  identity.begin(A5);
  CHECK(identity.isNew());
  CHECK(idHex(identity) != "0123456789ABCDEF");
  CHECK_EQ(identity.bootId(), 4u);  // the boot counter is separate and carries on
}

TEST(settings_round_trip_and_reject_foreign_records) {
  host::reset();
  struct Settings {
    uint32_t intervalMs;
    uint8_t flags;
  } settings = {2500, 3};
  Settings loaded = {0, 0};
  CHECK(!loadSettings(&loaded, sizeof(loaded)));  // erased EEPROM
  CHECK(saveSettings(&settings, sizeof(settings)));
  CHECK(loadSettings(&loaded, sizeof(loaded)));
  CHECK_EQ(loaded.intervalMs, 2500u);
  CHECK_EQ(loaded.flags, 3);

  uint32_t otherLayout = 0;
  CHECK(!loadSettings(&otherLayout, sizeof(otherLayout)));  // a record of another size

  host::eepromBytes()[35] ^= 0x80;  // a flipped bit in the data
  CHECK(!loadSettings(&loaded, sizeof(loaded)));
  CHECK(areaOutsideLibraryUntouched());
}

TEST(settings_saved_again_unchanged_write_nothing) {
  host::reset();
  const uint32_t interval = 1000;
  CHECK(saveSettings(&interval, sizeof(interval)));
  const unsigned long before = host::eepromWrites();
  CHECK(saveSettings(&interval, sizeof(interval)));
  CHECK_EQ(host::eepromWrites(), before);
}

TEST(settings_refuse_records_that_do_not_fit) {
  host::reset();
  uint8_t big[kSettingsCapacity + 1] = {0};
  CHECK(!saveSettings(big, sizeof(big)));
  CHECK(saveSettings(big, kSettingsCapacity));
  CHECK(!saveSettings(big, 0));
  CHECK(areaOutsideLibraryUntouched());
}
