// The H (hello) frame: who the board is and what it offers. Sent at boot and after `info`.
//
//   $H,<seq>,p=1,id=<16 hex>,boot=<8
//   hex>,fw=<name>,ver=<version>,iv=<ms>[,rs=<n>],s=<sensors>[,o=<outputs>]*CRC
#pragma once

#include "DeviceId.h"
#include "FrameWriter.h"
#include "TextRef.h"

namespace gwlink {

// What the sketch says about itself. Strings may be F("...") strings.
struct NodeInfo {
  TextRef firmware;  // fw: [A-Za-z0-9_.+-]{1,32}, e.g. "sensor-node"
  TextRef version;   // ver: same alphabet, e.g. "1.0.0"
  TextRef sensors;   // s: "name:unit" joined by ';' (unit may be empty), e.g. "temp:C;light:%"
  TextRef outputs;   // o: "pin:name" joined by ';', e.g. "13:led;7:relay"; empty when none
};

struct HelloFields {
  NodeInfo node;
  DeviceId deviceId;
  uint32_t bootId;
  uint32_t intervalMs;
  uint8_t resendFrames;  // rs; 0 leaves the key out
};

// Checks every NodeInfo string against the grammar of ADR 0001.
bool isValidNodeInfo(const NodeInfo& node);

void writeHello(FrameWriter& writer, uint32_t seq, const HelloFields& hello);

// Length of the hello line with the longest possible seq (it must not pass kMaxLineBytes).
uint16_t longestHelloLine(const HelloFields& hello);

}  // namespace gwlink
