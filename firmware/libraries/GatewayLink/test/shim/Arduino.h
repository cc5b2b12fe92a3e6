// Host stand-in for the few Arduino APIs GatewayLink uses, so that its protocol core builds and
// runs under g++ on Linux. Tests steer it through HostControl.h.
#pragma once

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "Print.h"
#include "Stream.h"

// Flash strings are ordinary strings on the host.
#define PROGMEM
#define PSTR(text) (text)
#define F(text) (reinterpret_cast<const __FlashStringHelper*>(text))

inline uint8_t pgm_read_byte(const void* address) { return *static_cast<const uint8_t*>(address); }
inline int strcmp_P(const char* text, const char* flashText) { return strcmp(text, flashText); }

const uint8_t A0 = 14;
const uint8_t A1 = 15;
const uint8_t A2 = 16;
const uint8_t A3 = 17;
const uint8_t A4 = 18;
const uint8_t A5 = 19;

unsigned long millis();
unsigned long micros();
int analogRead(uint8_t pin);
