// A Stream for tests: bytes fed in are what the board reads; what it writes is collected.
#pragma once

#include <Arduino.h>

#include <string>

class MemoryStream : public Stream {
 public:
  void feed(const std::string& bytes) { input_ += bytes; }
  // What was written since the last call.
  std::string takeOutput() {
    std::string out;
    out.swap(output_);
    return out;
  }
  bool hasUnreadInput() const { return position_ < input_.size(); }

  size_t write(uint8_t byte) override {
    output_ += static_cast<char>(byte);
    return 1;
  }
  int available() override { return static_cast<int>(input_.size() - position_); }
  int read() override {
    return hasUnreadInput() ? static_cast<unsigned char>(input_[position_++]) : -1;
  }
  int peek() override {
    return hasUnreadInput() ? static_cast<unsigned char>(input_[position_]) : -1;
  }

 private:
  std::string input_;
  size_t position_ = 0;
  std::string output_;
};
