// Host stand-in for Arduino's Print: only the virtual byte sink GatewayLink writes through.
#pragma once

#include <stddef.h>
#include <stdint.h>

class __FlashStringHelper;

class Print {
 public:
  virtual ~Print() {}
  virtual size_t write(uint8_t byte) = 0;
  virtual void flush() {}
};
