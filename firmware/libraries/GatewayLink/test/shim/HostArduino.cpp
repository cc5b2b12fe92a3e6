#include <Arduino.h>
#include <EEPROM.h>

#include <stdio.h>
#include <stdlib.h>

#include "HostControl.h"

EEPROMClass EEPROM;

namespace {

const unsigned long kConversionMicros = 112;

unsigned long clockMicros = 0;
int (*analogReader)(uint8_t pin) = nullptr;
uint8_t eeprom[host::kEepromBytes];
unsigned long writes = 0;

void checkAddress(int index) {
  if (index < 0 || index >= host::kEepromBytes) {
    fprintf(stderr, "EEPROM address %d out of range\n", index);
    abort();
  }
}

}  // namespace

unsigned long millis() { return clockMicros / 1000; }

unsigned long micros() { return clockMicros; }

int analogRead(uint8_t pin) {
  clockMicros += kConversionMicros;
  return analogReader == nullptr ? 0 : analogReader(pin);
}

uint8_t EEPROMClass::read(int index) const {
  checkAddress(index);
  return eeprom[index];
}

void EEPROMClass::write(int index, uint8_t value) {
  checkAddress(index);
  eeprom[index] = value;
  ++writes;
}

void EEPROMClass::update(int index, uint8_t value) {
  if (read(index) != value) write(index, value);
}

uint16_t EEPROMClass::length() const { return host::kEepromBytes; }

namespace host {

void reset() {
  clockMicros = 0;
  analogReader = nullptr;
  eraseEeprom();
  writes = 0;
}

void advanceMillis(unsigned long ms) { clockMicros += ms * 1000; }

void setAnalogReader(int (*reader)(uint8_t pin)) { analogReader = reader; }

uint8_t* eepromBytes() { return eeprom; }

void eraseEeprom() { memset(eeprom, 0xFF, sizeof(eeprom)); }

unsigned long eepromWrites() { return writes; }

}  // namespace host
