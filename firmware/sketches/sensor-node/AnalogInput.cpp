#include "AnalogInput.h"

int readSettled(uint8_t pin) {
  analogRead(pin);
  return analogRead(pin);
}

float millivoltsFromReading(int reading) {
  return static_cast<float>(reading) * kAdcReferenceMillivolts / kAdcFullScale;
}

float percentOfReference(float millivolts) { return millivolts / kAdcReferenceMillivolts * 100.0f; }
