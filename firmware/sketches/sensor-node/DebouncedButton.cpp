#include "DebouncedButton.h"

DebouncedButton::DebouncedButton(uint8_t pin, uint8_t settleMs)
    : pin_(pin),
      settleMs_(settleMs),
      stablePressed_(false),
      lastRawPressed_(false),
      rawChangedAt_(0) {}

void DebouncedButton::begin() {
  pinMode(pin_, INPUT_PULLUP);
  stablePressed_ = lastRawPressed_ = readPressed();
  rawChangedAt_ = millis();
}

DebouncedButton::Edge DebouncedButton::update(unsigned long nowMs) {
  const bool rawPressed = readPressed();
  if (rawPressed != lastRawPressed_) {
    lastRawPressed_ = rawPressed;
    rawChangedAt_ = nowMs;
    return Edge::None;
  }
  if (rawPressed == stablePressed_ || nowMs - rawChangedAt_ < settleMs_) return Edge::None;
  stablePressed_ = rawPressed;
  return rawPressed ? Edge::Pressed : Edge::Released;
}

bool DebouncedButton::readPressed() const { return digitalRead(pin_) == LOW; }
