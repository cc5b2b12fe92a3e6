// The answers to a command: A (ack) and N (nak). Both carry the last data seq and echo the
// command id.
//
//   $A,<seq>,<cmd-id>[,key=value]...*CRC
//   $N,<seq>,<cmd-id>,<reason>[,text]*CRC
#pragma once

#include "FrameWriter.h"
#include "TextRef.h"

namespace gwlink {

enum class NakReason : uint8_t {
  Unknown,    // the verb is not known
  BadArg,     // the arguments are missing or out of range
  Busy,       // the board cannot do it now
  Malformed,  // the command line has a valid CRC but cannot be parsed
};

struct AckField {
  TextRef key;  // a name, e.g. F("iv")
  uint32_t value;
};

// Fields whose key is not a valid name, or that would pass the 256-byte line, are left out.
void writeAck(FrameWriter& writer, uint32_t seq, uint16_t commandId, const AckField* fields,
              uint8_t fieldCount);

// The text is optional, percent-encoded and cut to fit the line.
void writeNak(FrameWriter& writer, uint32_t seq, uint16_t commandId, NakReason reason,
              TextRef text);

}  // namespace gwlink
