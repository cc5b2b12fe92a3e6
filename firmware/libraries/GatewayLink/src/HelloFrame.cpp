#include "HelloFrame.h"

#include "FieldSyntax.h"

namespace gwlink {
namespace {

const uint8_t kMaxUnitLength = 16;

bool isFirmwareChar(char c) { return isNameChar(c) || c == '+'; }

bool isUnitChar(char c) { return isFieldByte(static_cast<uint8_t>(c)) && c != ';' && c != ':'; }

// Counts the characters of `text` from `start` that satisfy `accept`.
size_t countRun(TextRef text, size_t start, bool (*accept)(char)) {
  size_t count = 0;
  while (text.at(start + count) != '\0' && accept(text.at(start + count))) ++count;
  return count;
}

bool isValidFirmwareToken(TextRef token) {
  const size_t length = countRun(token, 0, isFirmwareChar);
  return length >= 1 && length <= kMaxNameLength && token.at(length) == '\0';
}

// "left:right" entries joined by ';': left a name, right 0..maxRight characters of `rightChar`.
bool isValidList(TextRef list, uint8_t minRight, uint8_t maxRight, bool (*rightChar)(char)) {
  size_t index = 0;
  for (;;) {
    const size_t left = countRun(list, index, isNameChar);
    if (left < 1 || left > kMaxNameLength) return false;
    index += left;
    if (list.at(index++) != ':') return false;
    const size_t right = countRun(list, index, rightChar);
    if (right < minRight || right > maxRight) return false;
    index += right;
    const char next = list.at(index++);
    if (next == '\0') return true;
    if (next != ';') return false;
  }
}

void writeKey(FrameWriter& writer, const __FlashStringHelper* key) {
  writer.beginField();
  writer.writeText(key);
  writer.writeByte('=');
}

}  // namespace

bool isValidNodeInfo(const NodeInfo& node) {
  return isValidFirmwareToken(node.firmware) && isValidFirmwareToken(node.version) &&
         isValidList(node.sensors, 0, kMaxUnitLength, isUnitChar) &&
         (node.outputs.isEmpty() || isValidList(node.outputs, 1, kMaxNameLength, isNameChar));
}

void writeHello(FrameWriter& writer, uint32_t seq, const HelloFields& hello) {
  writer.begin('H', seq);
  writeKey(writer, F("p"));
  writer.writeByte('1');
  writeKey(writer, F("id"));
  for (uint8_t i = 0; i < sizeof(hello.deviceId.bytes); ++i)
    writer.writeHex(hello.deviceId.bytes[i], 2);
  writeKey(writer, F("boot"));
  writer.writeHex(hello.bootId, 8);
  writeKey(writer, F("fw"));
  writer.writeText(hello.node.firmware);
  writeKey(writer, F("ver"));
  writer.writeText(hello.node.version);
  writeKey(writer, F("iv"));
  writer.writeDecimal(hello.intervalMs);
  if (hello.resendFrames > 0) {
    writeKey(writer, F("rs"));
    writer.writeDecimal(hello.resendFrames);
  }
  writeKey(writer, F("s"));
  writer.writeText(hello.node.sensors);
  if (!hello.node.outputs.isEmpty()) {
    writeKey(writer, F("o"));
    writer.writeText(hello.node.outputs);
  }
  writer.end();
}

uint16_t longestHelloLine(const HelloFields& hello) {
  FrameWriter measure(nullptr);
  writeHello(measure, 4294967295UL, hello);
  return measure.lineLength();
}

}  // namespace gwlink
