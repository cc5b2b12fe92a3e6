#include "GatewayLink.h"

#include "EventFrame.h"

namespace gwlink {

GatewayLink::GatewayLink(Stream& port)
    : port_(port),
      resend_(resendStorage_, kResendBytes, kResendFrames),
      dataWriter_(&port, &resend_),
      reading_(dataWriter_, sequence_),
      intervalMs_(0),
      nodeValid_(false) {}

bool GatewayLink::begin(const NodeInfo& node, uint32_t sampleIntervalMs,
                        uint8_t floatingAnalogPin) {
  node_ = node;
  intervalMs_ = sampleIntervalMs;
  identity_.begin(floatingAnalogPin);
  nodeValid_ = isValidNodeInfo(node_) && longestHelloLine(helloFields()) <= kMaxLineBytes;
  sendHello();
  return nodeValid_;
}

const Command* GatewayLink::poll() {
  // Bounded, so that a port streaming bytes cannot hold loop() here.
  for (uint8_t budget = kMaxBytesPerPoll; budget > 0 && port_.available() > 0; --budget) {
    const int value = port_.read();
    if (value < 0) break;
    switch (reader_.feed(static_cast<uint8_t>(value))) {
      case ReadResult::Command:
        if (isForSketch(reader_.command())) return &reader_.command();
        break;
      case ReadResult::Malformed:
        writeNakFor(reader_.command().id, NakReason::Malformed, TextRef());
        break;
      case ReadResult::None:
      case ReadResult::Ignored:
        break;
    }
  }
  return nullptr;
}

ReadingWriter& GatewayLink::beginReading() {
  closeOpenReading();
  return reading_;
}

bool GatewayLink::sendEvent(TextRef type, TextRef text) {
  closeOpenReading();
  return writeEvent(dataWriter_, sequence_, type, text);
}

void GatewayLink::ack(const Command& command) { writeAckFields(command.id, nullptr, 0); }

void GatewayLink::ack(const Command& command, TextRef key, uint32_t value) {
  const AckField fields[] = {{key, value}};
  writeAckFields(command.id, fields, 1);
}

void GatewayLink::ack(const Command& command, TextRef key1, uint32_t value1, TextRef key2,
                      uint32_t value2) {
  const AckField fields[] = {{key1, value1}, {key2, value2}};
  writeAckFields(command.id, fields, 2);
}

void GatewayLink::nak(const Command& command, NakReason reason, TextRef text) {
  writeNakFor(command.id, reason, text);
}

void GatewayLink::sendHello() {
  if (!nodeValid_) return;
  closeOpenReading();
  FrameWriter writer(&port_);
  writeHello(writer, sequence_.last(), helloFields());
}

bool GatewayLink::isForSketch(const Command& command) {
  switch (command.verb) {
    case Verb::Info:
      answerInfo(command);
      return false;
    case Verb::Resend:
      answerResend(command);
      return false;
    case Verb::Unknown:
      nak(command, NakReason::Unknown);
      return false;
    case Verb::Interval:
    case Verb::Out:
    case Verb::Identify:
    case Verb::Reboot:
    case Verb::Read:
      break;
  }
  return true;
}

void GatewayLink::answerInfo(const Command& command) {
  if (command.argCount != 0) {
    nak(command, NakReason::BadArg, F("info takes no arguments"));
  } else if (!nodeValid_) {
    nak(command, NakReason::Busy, F("node description invalid"));
  } else {
    ack(command);
    sendHello();
  }
}

void GatewayLink::answerResend(const Command& command) {
  uint32_t requested = 0;
  if (command.argCount != 1 || !command.argAsUnsigned(0, &requested)) {
    nak(command, NakReason::BadArg, F("resend takes one seq"));
    return;
  }
  // Held: a gap-free run ending at the last data frame sent (empty: it starts after the last).
  const uint32_t last = sequence_.last();
  const uint32_t firstHeld = resend_.frameCount() > 0 ? resend_.firstSeq() : last + 1;
  const uint32_t from = requested < firstHeld ? firstHeld : requested;
  ack(command, F("from"), from, F("to"), last);
  if (from > last) return;
  for (uint32_t remaining = last - from + 1, seq = from; remaining > 0; --remaining, ++seq) {
    resendHeldFrame(seq);
  }
}

void GatewayLink::resendHeldFrame(uint32_t seq) {
  HeldFrame frame;
  if (!resend_.find(seq, &frame)) return;
  FrameWriter writer(&port_);  // no recorder: the frame is held already
  writer.begin(frame.type, seq);
  writer.beginField();
  for (uint8_t i = 0; i < frame.length; ++i) writer.writeByte(resend_.payloadByte(frame, i));
  writer.end();
}

void GatewayLink::writeAckFields(uint16_t commandId, const AckField* fields, uint8_t count) {
  closeOpenReading();
  FrameWriter writer(&port_);
  writeAck(writer, sequence_.last(), commandId, fields, count);
}

void GatewayLink::writeNakFor(uint16_t commandId, NakReason reason, TextRef text) {
  closeOpenReading();
  FrameWriter writer(&port_);
  writeNak(writer, sequence_.last(), commandId, reason, text);
}

void GatewayLink::closeOpenReading() {
  if (reading_.isOpen()) reading_.end();
}

HelloFields GatewayLink::helloFields() const {
  HelloFields hello;
  hello.node = node_;
  hello.deviceId = identity_.id();
  hello.bootId = identity_.bootId();
  hello.intervalMs = intervalMs_;
  hello.resendFrames = kResendFrames;
  return hello;
}

}  // namespace gwlink
