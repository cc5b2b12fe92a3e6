#include "Tmp36Sensor.h"

#include "AnalogInput.h"

Tmp36Sensor::Tmp36Sensor(uint8_t pin) : pin_(pin), connected_(true), celsius_(0.0f) {}

Tmp36Sensor::Change Tmp36Sensor::sample() {
  const float millivolts = millivoltsFromReading(readSettled(pin_));
  celsius_ = (millivolts - 500.0f) / 10.0f;
  if (connected_ && millivolts < kFaultBelowMillivolts) {
    connected_ = false;
    return Change::Disconnected;
  }
  if (!connected_ && millivolts >= kClearFromMillivolts) {
    connected_ = true;
    return Change::Reconnected;
  }
  return Change::None;
}
