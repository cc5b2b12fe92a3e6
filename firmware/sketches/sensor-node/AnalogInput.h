// Analog readings in millivolts.
//
// The ADC reference is AVCC = 5.0 V (Arduino's DEFAULT), and mV = reading x 5000 / 1023.
// The divisor is 1023, not the datasheet's 1024 (which makes a reading the lower edge of its
// 4.9 mV step): with 1023 the full-scale reading is exactly 5000 mV, so a light sensor at the rail
// reads 100.0 %, and it inverts the scaling simavr's ADC model uses (mV x 1023 / Vref), so a
// voltage fed to an emulated board comes back as the same number. The two divisors differ by
// 0.1 % (at most 5 mV), far below the TMP36's +/-2 C and the tolerance of a USB-powered 5 V rail.
#pragma once

#include <Arduino.h>

const float kAdcReferenceMillivolts = 5000.0f;
const float kAdcFullScale = 1023.0f;

// Reads a pin twice and keeps the second conversion: the first after switching channels can still
// carry charge from the previous pin.
int readSettled(uint8_t pin);

float millivoltsFromReading(int reading);

// A voltage as a percentage of the reference: the light level of the LDR divider.
float percentOfReference(float millivolts);
