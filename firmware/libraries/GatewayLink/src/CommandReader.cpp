#include "CommandReader.h"

#include <string.h>

#include "Crc16.h"
#include "FieldSyntax.h"

namespace gwlink {
namespace {

const uint8_t kCrcSuffix = 5;  // "*XXXX"

void count(uint16_t& counter) {
  if (counter < 0xFFFF) ++counter;
}

bool readCrc(const char* hex, uint16_t* crc) {
  uint16_t value = 0;
  for (uint8_t i = 0; i < 4; ++i) {
    if (!isHexDigit(hex[i])) return false;
    value = static_cast<uint16_t>((value << 4) | hexValue(hex[i]));
  }
  *crc = value;
  return true;
}

}  // namespace

CommandReader::CommandReader() : length_(0), state_(State::OutsideFrame) {
  memset(&command_, 0, sizeof(command_));
  command_.verbText = "";
  memset(&counters_, 0, sizeof(counters_));
}

ReadResult CommandReader::feed(uint8_t byte) {
  if (byte == '$') {
    if (state_ == State::InFrame) count(counters_.interrupted);
    state_ = State::InFrame;
    length_ = 0;
    return ReadResult::None;
  }
  if (byte == '\n') {
    const State ended = state_;
    state_ = State::OutsideFrame;
    if (ended == State::InFrame) return finishLine();
    return ended == State::SkippingOverlong ? ReadResult::Ignored : ReadResult::None;
  }
  if (state_ != State::InFrame) return ReadResult::None;
  if (length_ + 1 >= GATEWAYLINK_COMMAND_LINE_BYTES) {
    count(counters_.overlong);
    state_ = State::SkippingOverlong;
    return ReadResult::None;
  }
  line_[length_++] = static_cast<char>(byte);
  return ReadResult::None;
}

ReadResult CommandReader::finishLine() {
  if (length_ > 0 && line_[length_ - 1] == '\r') --length_;
  line_[length_] = '\0';

  uint16_t received = 0;
  if (length_ < kCrcSuffix || line_[length_ - kCrcSuffix] != '*' ||
      !readCrc(line_ + length_ - kCrcSuffix + 1, &received)) {
    count(counters_.malformed);
    return ReadResult::Ignored;
  }
  const uint8_t payloadLength = static_cast<uint8_t>(length_ - kCrcSuffix);
  if (crc16(line_, payloadLength) != received) {
    count(counters_.crcErrors);
    return ReadResult::Ignored;
  }
  line_[payloadLength] = '\0';
  const bool hasNulByte = strlen(line_) != payloadLength;
  return classify(parseCommand(line_, &command_), hasNulByte);
}

ReadResult CommandReader::classify(CommandParse parse, bool hasNulByte) {
  switch (parse) {
    case CommandParse::Ok:
      if (!hasNulByte) return ReadResult::Command;
      // A NUL byte ended the text early: the command held a byte no field may hold.
      count(counters_.malformed);
      return ReadResult::Malformed;
    case CommandParse::Malformed:
      count(counters_.malformed);
      return ReadResult::Malformed;
    case CommandParse::NoId:
      count(counters_.malformed);
      return ReadResult::Ignored;
    case CommandParse::NotCommand:
      break;
  }
  count(counters_.notCommands);
  return ReadResult::Ignored;
}

}  // namespace gwlink
