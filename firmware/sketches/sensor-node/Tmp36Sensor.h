// A TMP36 temperature sensor on an analog pin: 500 mV at 0 C, 10 mV per C (-40 C is 100 mV).
//
// It never outputs less than 100 mV, so a pin below 50 mV means the sensor is unplugged (with the
// pull-down the wiring notes ask for) or broken. The fault clears at 60 mV: the 10 mV between
// keeps a reading at the edge from reporting again and again.
#pragma once

#include <Arduino.h>

class Tmp36Sensor {
 public:
  enum class Change : uint8_t { None, Disconnected, Reconnected };

  explicit Tmp36Sensor(uint8_t pin);

  // Reads the pin; reports when the sensor was lost or came back since the last sample.
  Change sample();

  bool isConnected() const { return connected_; }
  // Of the last sample; meaningful only while connected.
  float celsius() const { return celsius_; }

 private:
  static constexpr float kFaultBelowMillivolts = 50.0f;
  static constexpr float kClearFromMillivolts = 60.0f;

  uint8_t pin_;
  bool connected_;
  float celsius_;
};
