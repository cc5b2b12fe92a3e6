// Assembles command lines from the serial port one byte at a time, without blocking and within a
// fixed buffer, and checks them (ADR 0001):
//  - a '$' always starts a new line; bytes before it are dropped;
//  - a line longer than the buffer is dropped up to its '\n' (or the next '$');
//  - a line needs '*' and 4 hex digits at its end, and a matching CRC; bad ones are ignored
//    silently (the gateway's command times out) and counted;
//  - frames other than commands, and text outside frames, are ignored.
#pragma once

#include <stdint.h>

#include "Command.h"
#include "LinkConfig.h"

namespace gwlink {

enum class ReadResult : uint8_t {
  None,       // no complete line yet (or a line of text outside any frame)
  Command,    // a valid command: see command()
  Malformed,  // a command with a valid CRC that cannot be parsed: answer command().id with a nak
  Ignored,    // a frame line that is dropped: counted in counters()
};

struct ReaderCounters {
  uint16_t crcErrors;    // checksum did not match
  uint16_t malformed;    // no "*XXXX", or a command that cannot be parsed
  uint16_t overlong;     // longer than the buffer
  uint16_t interrupted;  // cut short by a new '$'
  uint16_t notCommands;  // well-formed frames of other types
};

class CommandReader {
 public:
  CommandReader();

  ReadResult feed(uint8_t byte);

  // The command of the last Command or Malformed result (Malformed: only id is set). Valid until
  // the next feed().
  const Command& command() const { return command_; }
  const ReaderCounters& counters() const { return counters_; }

 private:
  enum class State : uint8_t { OutsideFrame, InFrame, SkippingOverlong };

  ReadResult finishLine();
  ReadResult classify(CommandParse parse, bool hasNulByte);

  char line_[GATEWAYLINK_COMMAND_LINE_BYTES];  // the bytes after '$', NUL-terminated when done
  uint8_t length_;
  State state_;
  Command command_;
  ReaderCounters counters_;
};

}  // namespace gwlink
