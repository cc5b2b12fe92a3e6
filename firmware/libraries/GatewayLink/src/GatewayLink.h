// GatewayLink: the board side of the serial frame protocol, version 1
// (docs/adr/0001-serial-frames.md).
//
//   GatewayLink gateway(Serial);
//
//   void setup() {
//     Serial.begin(115200);
//     gwlink::NodeInfo node;
//     node.firmware = F("my-node");
//     node.version = F("1.0.0");
//     node.sensors = F("temp:C");
//     gateway.begin(node, 1000);               // identity, boot counter, hello
//   }
//
//   void loop() {
//     if (const gwlink::Command* command = gateway.poll()) handle(*command);  // ack or nak it
//     ...
//     gwlink::ReadingWriter& reading = gateway.beginReading();
//     reading.addValue(F("temp"), celsius, 2);
//     reading.end();
//   }
//
// The link answers `info` and `resend` itself, and naks malformed commands and unknown verbs. The
// sketch answers interval, out, identify, reboot and read, each with ack() or nak().
// Everything is written straight to the port; nothing is allocated.
#pragma once

#include <Arduino.h>

#include "BoardReset.h"
#include "Command.h"
#include "CommandReader.h"
#include "DeviceIdentity.h"
#include "FrameWriter.h"
#include "HelloFrame.h"
#include "LinkConfig.h"
#include "ReadingWriter.h"
#include "ReplyFrames.h"
#include "ResendBuffer.h"
#include "SequenceCounter.h"
#include "SettingsStore.h"
#include "TextRef.h"

namespace gwlink {

class GatewayLink {
 public:
  explicit GatewayLink(Stream& port);

  // Loads the device id (made on the first boot from noise on `floatingAnalogPin`), counts the
  // boot and sends the hello. Returns false when `node` breaks the ADR grammar or makes a hello
  // over 256 bytes: then no hello is sent and `info` is answered with nak busy.
  bool begin(const NodeInfo& node, uint32_t sampleIntervalMs, uint8_t floatingAnalogPin = A5);

  // Reads what the port has (up to 64 bytes a call), without waiting. Returns a command for the
  // sketch to answer, or nullptr. The command stays valid until the next poll().
  const Command* poll();

  // Data frames, numbered 1, 2, 3... from boot and kept for resend.
  ReadingWriter& beginReading();
  // An event; `text` is optional. False (nothing sent) when `type` is not a valid name.
  bool sendEvent(TextRef type, TextRef text = TextRef());

  // Answers to a command.
  void ack(const Command& command);
  void ack(const Command& command, TextRef key, uint32_t value);
  void ack(const Command& command, TextRef key1, uint32_t value1, TextRef key2, uint32_t value2);
  void nak(const Command& command, NakReason reason, TextRef text = TextRef());

  void sendHello();
  // The interval the hello reports (iv=).
  void setSampleInterval(uint32_t intervalMs) { intervalMs_ = intervalMs; }
  uint32_t sampleInterval() const { return intervalMs_; }

  // Seq of the last data frame sent (0 before the first).
  uint32_t lastSeq() const { return sequence_.last(); }
  const DeviceIdentity& identity() const { return identity_; }
  const ReaderCounters& counters() const { return reader_.counters(); }

 private:
  bool isForSketch(const Command& command);
  void answerInfo(const Command& command);
  void answerResend(const Command& command);
  void resendHeldFrame(uint32_t seq);
  void writeAckFields(uint16_t commandId, const AckField* fields, uint8_t count);
  void writeNakFor(uint16_t commandId, NakReason reason, TextRef text);
  void closeOpenReading();
  HelloFields helloFields() const;

  static const uint8_t kMaxBytesPerPoll = 64;
  static const uint8_t kResendFrames = GATEWAYLINK_RESEND_FRAMES;
  static const uint16_t kResendBytes = GATEWAYLINK_RESEND_FRAMES > 0 ? GATEWAYLINK_RESEND_BYTES : 2;

  Stream& port_;
  uint8_t resendStorage_[kResendBytes];
  ResendBuffer resend_;
  SequenceCounter sequence_;
  FrameWriter dataWriter_;  // records data frames into resend_
  ReadingWriter reading_;
  CommandReader reader_;
  DeviceIdentity identity_;
  NodeInfo node_;
  uint32_t intervalMs_;
  bool nodeValid_;
};

}  // namespace gwlink

using gwlink::GatewayLink;
