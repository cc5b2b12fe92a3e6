#include "LedOutput.h"

LedOutput::LedOutput(uint8_t pin)
    : pin_(pin), on_(false), identifying_(false), identifyStartedAt_(0), identifyDurationMs_(0) {}

void LedOutput::begin() {
  pinMode(pin_, OUTPUT);
  show(false);
}

void LedOutput::set(bool on) {
  on_ = on;
  if (!identifying_) show(on_);
}

void LedOutput::identify(uint8_t seconds, unsigned long nowMs) {
  identifying_ = true;
  identifyStartedAt_ = nowMs;
  identifyDurationMs_ = seconds * 1000UL;
  show(true);
}

void LedOutput::update(unsigned long nowMs) {
  if (!identifying_) return;
  const unsigned long elapsed = nowMs - identifyStartedAt_;
  if (elapsed >= identifyDurationMs_) {
    identifying_ = false;
    show(on_);
    return;
  }
  show((elapsed / kBlinkHalfPeriodMs) % 2 == 0);
}

void LedOutput::show(bool lit) { digitalWrite(pin_, lit ? HIGH : LOW); }
