// Host stand-in for Arduino's Stream: the reading side GatewayLink polls.
#pragma once

#include "Print.h"

class Stream : public Print {
 public:
  virtual int available() = 0;
  virtual int read() = 0;
  virtual int peek() = 0;
};
