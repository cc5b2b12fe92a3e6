// A push button from a pin to GND, read through the internal pull-up (pressed = LOW), debounced:
// a new level counts once it has held for the settle time.
#pragma once

#include <Arduino.h>

class DebouncedButton {
 public:
  enum class Edge : uint8_t { None, Pressed, Released };

  DebouncedButton(uint8_t pin, uint8_t settleMs);

  // Sets up the pin and takes its present level as the starting state (no edge at boot).
  void begin();
  Edge update(unsigned long nowMs);
  bool isPressed() const { return stablePressed_; }

 private:
  bool readPressed() const;

  uint8_t pin_;
  uint8_t settleMs_;
  bool stablePressed_;
  bool lastRawPressed_;
  unsigned long rawChangedAt_;
};
