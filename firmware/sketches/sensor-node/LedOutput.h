// The LED output: set on or off by the `out` command, and blinked by `identify` for a while,
// after which it shows the state last set again. Never blocks.
#pragma once

#include <Arduino.h>

class LedOutput {
 public:
  explicit LedOutput(uint8_t pin);

  void begin();  // an output, off
  void set(bool on);
  bool isOn() const { return on_; }

  void identify(uint8_t seconds, unsigned long nowMs);
  bool isIdentifying() const { return identifying_; }
  // Call from loop(): drives the blinking.
  void update(unsigned long nowMs);

 private:
  static const unsigned long kBlinkHalfPeriodMs = 250;

  void show(bool lit);

  uint8_t pin_;
  bool on_;
  bool identifying_;
  unsigned long identifyStartedAt_;
  unsigned long identifyDurationMs_;
};
