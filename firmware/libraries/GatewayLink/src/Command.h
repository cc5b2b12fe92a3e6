// A command from the gateway: "$C,<id>,<verb>[,<arg>]...*CRC", and the pure parser of its payload.
#pragma once

#include <stdint.h>

#include "TextRef.h"

namespace gwlink {

// The verbs of protocol version 1.
enum class Verb : uint8_t {
  Unknown,
  Interval,  // interval,<ms>            ack iv=<ms>
  Out,       // out,<pin>,<0|1>          ack pin=<p>,state=<s>
  Identify,  // identify[,<seconds>]     ack s=<seconds>
  Info,      // info                     ack, then a hello
  Reboot,    // reboot                   ack, then a reset
  Read,      // read                     ack, then a reading
  Resend,    // resend,<from-seq>        ack from=<f>,to=<t>, then the held frames
};

const uint8_t kMaxCommandArgs = 4;

struct Command {
  uint16_t id;  // 1-65535, echoed by the answer
  Verb verb;
  const char* verbText;  // as received
  uint8_t argCount;      // arguments on the line (can be more than kMaxCommandArgs)
  const char* args[kMaxCommandArgs];

  // The argument at `index`, or nullptr when there is none (or it is past kMaxCommandArgs).
  const char* arg(uint8_t index) const;
  // The argument at `index` as an unsigned decimal (1-10 digits, at most 4294967295).
  bool argAsUnsigned(uint8_t index, uint32_t* value) const;
};

enum class CommandParse : uint8_t {
  Ok,          // a command
  NotCommand,  // another frame type: not for the board
  NoId,        // a command without a usable id (missing, 0, over 65535): cannot be answered
  Malformed,   // a command with an id but an empty, missing or invalid verb or argument
};

// Parses the payload of a frame whose CRC was checked: the text between '$' and '*',
// NUL-terminated. Splits it in place; `command` points into it. On Malformed, command->id is set.
CommandParse parseCommand(char* payload, Command* command);

Verb verbFromText(const char* text);

}  // namespace gwlink
