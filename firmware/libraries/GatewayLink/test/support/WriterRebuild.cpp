#include "WriterRebuild.h"

#include <ctype.h>
#include <stdlib.h>

#include <vector>

#include "DecimalFormat.h"
#include "EventFrame.h"
#include "FrameWriter.h"
#include "HelloFrame.h"
#include "PercentCodec.h"
#include "ReadingWriter.h"
#include "ReplyFrames.h"
#include "ResendBuffer.h"
#include "support/FrameText.h"
#include "support/MemoryStream.h"

using namespace gwlink;

namespace {

bool isDigits(const std::string& text, size_t from) {
  return from < text.size() && text.find_first_not_of("0123456789", from) == std::string::npos;
}

std::string decoded(const std::string& encoded) {
  std::vector<char> buffer(encoded.size() + 1);
  size_t length = 0;
  if (!percentDecode(encoded.c_str(), buffer.data(), buffer.size(), &length)) return "\x01";
  return std::string(buffer.data(), length);
}

std::pair<std::string, std::string> splitPair(const std::string& field) {
  const size_t equals = field.find('=');
  if (equals == std::string::npos) return {field, ""};
  return {field.substr(0, equals), field.substr(equals + 1)};
}

// Chooses the writer call a sketch would use for a value of this shape.
bool addVectorValue(ReadingWriter& reading, const std::string& name, const std::string& value) {
  const size_t digitsFrom = value[0] == '-' ? 1 : 0;
  if (isDigits(value, digitsFrom) && value.size() - digitsFrom <= 9) {
    return reading.addValue(name.c_str(), strtol(value.c_str(), nullptr, 10));
  }
  const size_t point = value.find('.');
  if (point != std::string::npos && isDigits(value.substr(0, point), digitsFrom) &&
      isDigits(value, point + 1)) {
    const uint8_t decimals = static_cast<uint8_t>(value.size() - point - 1);
    const float number = strtof(value.c_str(), nullptr);
    char text[kNumberTextSize];
    formatFloat(text, number, decimals);
    if (value == text) return reading.addValue(name.c_str(), number, decimals);
  }
  return reading.addNumberText(name.c_str(), value.c_str());
}

bool writeReading(FrameWriter& writer, uint32_t seq, const std::string& fields) {
  SequenceCounter sequence(seq - 1);
  ReadingWriter reading(writer, sequence);
  for (const std::string& field : splitOn(fields, ',')) {
    const auto pair = splitPair(field);
    if (!addVectorValue(reading, pair.first, pair.second)) return false;
  }
  return reading.end() && sequence.last() == seq;
}

bool writeEventFrame(FrameWriter& writer, uint32_t seq, const std::string& fields) {
  SequenceCounter sequence(seq - 1);
  const size_t comma = fields.find(',');
  const std::string type = fields.substr(0, comma);
  if (comma == std::string::npos) return writeEvent(writer, sequence, type.c_str(), TextRef());
  const std::string text = decoded(fields.substr(comma + 1));
  return writeEvent(writer, sequence, type.c_str(), text.c_str());
}

bool writeAckFrame(FrameWriter& writer, uint32_t seq, const std::string& fields) {
  const std::vector<std::string> parts = splitOn(fields, ',');
  std::vector<std::pair<std::string, std::string>> pairs;
  for (size_t i = 1; i < parts.size(); ++i) pairs.push_back(splitPair(parts[i]));
  std::vector<AckField> ackFields;
  for (const auto& pair : pairs) {
    if (!isDigits(pair.second, 0)) return false;
    ackFields.push_back(
        {pair.first.c_str(), static_cast<uint32_t>(strtoul(pair.second.c_str(), nullptr, 10))});
  }
  const uint16_t id = static_cast<uint16_t>(strtoul(parts[0].c_str(), nullptr, 10));
  writeAck(writer, seq, id, ackFields.data(), static_cast<uint8_t>(ackFields.size()));
  return true;
}

bool writeNakFrame(FrameWriter& writer, uint32_t seq, const std::string& fields) {
  const std::vector<std::string> parts = splitOn(fields, ',');
  if (parts.size() < 2 || parts.size() > 3) return false;
  NakReason reason;
  if (parts[1] == "unknown") {
    reason = NakReason::Unknown;
  } else if (parts[1] == "badarg") {
    reason = NakReason::BadArg;
  } else if (parts[1] == "busy") {
    reason = NakReason::Busy;
  } else if (parts[1] == "malformed") {
    reason = NakReason::Malformed;
  } else {
    return false;
  }
  const uint16_t id = static_cast<uint16_t>(strtoul(parts[0].c_str(), nullptr, 10));
  const std::string text = parts.size() == 3 ? decoded(parts[2]) : "";
  writeNak(writer, seq, id, reason, text.c_str());
  return true;
}

bool hexBytes(const std::string& hex, uint8_t* out, size_t count) {
  if (hex.size() != count * 2 || hex.find_first_not_of("0123456789ABCDEF") != std::string::npos) {
    return false;
  }
  for (size_t i = 0; i < count; ++i) {
    out[i] = static_cast<uint8_t>(strtoul(hex.substr(2 * i, 2).c_str(), nullptr, 16));
  }
  return true;
}

// The typed hello writer, when the fields are in the order it writes them; false otherwise.
bool writeTypedHello(FrameWriter& writer, uint32_t seq, const std::string& fields) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string& field : splitOn(fields, ',')) pairs.push_back(splitPair(field));
  std::vector<std::string> keys;
  for (const auto& pair : pairs) keys.push_back(pair.first);
  auto value = [&](const std::string& key) {
    for (const auto& pair : pairs) {
      if (pair.first == key) return pair.second;
    }
    return std::string();
  };
  const bool hasResend = !value("rs").empty();
  const bool hasOutputs = !value("o").empty();
  std::vector<std::string> writerOrder = {"p", "id", "boot", "fw", "ver", "iv"};
  if (hasResend) writerOrder.push_back("rs");
  writerOrder.push_back("s");
  if (hasOutputs) writerOrder.push_back("o");
  if (keys != writerOrder || value("p") != "1") return false;

  HelloFields hello;
  uint8_t boot[4];
  if (!hexBytes(value("id"), hello.deviceId.bytes, 8) || !hexBytes(value("boot"), boot, 4)) {
    return false;
  }
  hello.bootId =
      (uint32_t(boot[0]) << 24) | (uint32_t(boot[1]) << 16) | (uint32_t(boot[2]) << 8) | boot[3];
  const std::string firmware = value("fw");
  const std::string version = value("ver");
  const std::string sensors = value("s");
  const std::string outputs = value("o");
  hello.node.firmware = firmware.c_str();
  hello.node.version = version.c_str();
  hello.node.sensors = sensors.c_str();
  hello.node.outputs = outputs.c_str();
  hello.intervalMs = static_cast<uint32_t>(strtoul(value("iv").c_str(), nullptr, 10));
  hello.resendFrames = static_cast<uint8_t>(strtoul(value("rs").c_str(), nullptr, 10));
  if (!isValidNodeInfo(hello.node)) return false;
  writeHello(writer, seq, hello);
  return true;
}

void writeFieldByField(FrameWriter& writer, char type, uint32_t seq, const std::string& fields) {
  writer.begin(type, seq);
  if (!fields.empty()) {
    for (const std::string& field : splitOn(fields, ',')) {
      writer.beginField();
      writer.writeText(field.c_str());
    }
  }
  writer.end();
}

}  // namespace

Rebuilt rebuildWithWriters(char type, uint32_t seq, const std::string& fields) {
  MemoryStream port;
  uint8_t storage[256];
  ResendBuffer held(storage, sizeof(storage), 8);
  FrameWriter writer(&port, &held);
  Rebuilt rebuilt;
  rebuilt.typed = true;
  switch (type) {
    case 'H':
      rebuilt.ok = writeTypedHello(writer, seq, fields);
      if (!rebuilt.ok) {
        rebuilt.typed = false;
        writeFieldByField(writer, type, seq, fields);
        rebuilt.ok = true;
      }
      break;
    case 'R':
      rebuilt.ok = writeReading(writer, seq, fields);
      break;
    case 'E':
      rebuilt.ok = writeEventFrame(writer, seq, fields);
      break;
    case 'A':
      rebuilt.ok = writeAckFrame(writer, seq, fields);
      break;
    case 'N':
      rebuilt.ok = writeNakFrame(writer, seq, fields);
      break;
    default:
      break;
  }
  rebuilt.line = port.takeOutput();
  HeldFrame frame;
  if (held.find(seq, &frame)) {
    for (uint8_t i = 0; i < frame.length; ++i) {
      rebuilt.recordedPayload += static_cast<char>(held.payloadByte(frame, i));
    }
  }
  return rebuilt;
}

std::string normalizedFrameText(const std::string& text) {
  std::string line = text;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  const size_t star = line.rfind('*');
  if (line.size() < 4 || line[0] != '$' || star == std::string::npos) return text;
  const std::string payload = line.substr(1, star - 1);
  std::string crc = line.substr(star + 1);
  for (char& c : crc) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  if (crc != crcHex(payload) || payload.size() < 3 || payload[1] != ',') return text;
  const size_t comma = payload.find(',', 2);
  const std::string seq =
      payload.substr(2, comma == std::string::npos ? std::string::npos : comma - 2);
  const std::string fields = comma == std::string::npos ? "" : payload.substr(comma + 1);
  return canonicalLine(payload[0], static_cast<uint32_t>(strtoul(seq.c_str(), nullptr, 10)),
                       fields);
}
