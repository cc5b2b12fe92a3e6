// A read-only C string that lives either in RAM or in flash (written with F("...")).
#pragma once

#include <Arduino.h>

namespace gwlink {

// Lets every API take a RAM string or an F() string without a second overload. A
// default-constructed TextRef is "no text"; it reads as the empty string.
class TextRef {
 public:
  TextRef() : chars_(nullptr), inFlash_(false) {}
  TextRef(decltype(nullptr)) : chars_(nullptr), inFlash_(false) {}  // NOLINT(runtime/explicit)
  TextRef(const char* text) : chars_(text), inFlash_(false) {}      // NOLINT(runtime/explicit)
  TextRef(const __FlashStringHelper* text)                          // NOLINT(runtime/explicit)
      : chars_(reinterpret_cast<const char*>(text)), inFlash_(true) {}

  // The character at `index`; '\0' at the end (and everywhere for "no text").
  char at(size_t index) const {
    if (chars_ == nullptr) return '\0';
    return inFlash_ ? static_cast<char>(pgm_read_byte(chars_ + index)) : chars_[index];
  }

  bool isEmpty() const { return at(0) == '\0'; }
  size_t length() const;
  bool equals(const char* other) const;

 private:
  const char* chars_;
  bool inFlash_;
};

}  // namespace gwlink
