// Runs the shared frame vectors (tests/vectors/frames.tsv) against the library: CRCs, the percent
// codec, every accepted board frame rebuilt with the writers, every command through the reader.
#include "VectorTests.h"

#include <stdlib.h>

#include <string>
#include <vector>

#include "Command.h"
#include "CommandReader.h"
#include "Crc16.h"
#include "EventFrame.h"
#include "FrameWriter.h"
#include "HelloFrame.h"
#include "PercentCodec.h"
#include "ReadingWriter.h"
#include "ReplyFrames.h"
#include "ResendBuffer.h"
#include "support/FrameText.h"
#include "support/MemoryStream.h"
#include "support/TestRunner.h"
#include "support/VectorFile.h"
#include "support/WriterRebuild.h"

using namespace gwlink;

namespace {

struct FrameVector {
  std::string line;                   // unescaped, without the '\n' the parser adds
  std::vector<std::string> outcomes;  // e.g. {"malformed", "ok"}
  char type = 0;                      // of the ok frame
  std::string seqText;
  std::string fields;
  std::string note;

  bool isOk() const {
    for (const std::string& outcome : outcomes) {
      if (outcome == "ok") return true;
    }
    return false;
  }
  // The text of the accepted frame: from its '$', without a '\r' line end.
  std::string okFrameText() const {
    std::string text = line.substr(line.rfind('$'));
    if (!text.empty() && text.back() == '\r') text.pop_back();
    return text;
  }
};

FrameVector toFrameVector(const Vector& vector) {
  FrameVector frame;
  frame.line = unescape(vector.columns.at(0));
  frame.outcomes = splitOn(vector.columns.at(1), ' ');
  if (frame.isOk()) {
    frame.type = vector.columns.at(2).at(0);
    frame.seqText = vector.columns.at(3);
    frame.fields = vector.columns.at(4) == "-" ? "" : vector.columns.at(4);
  }
  frame.note = vector.columns.size() > 5 ? vector.columns.at(5) : "";
  return frame;
}

std::string caseName(const Vector& vector, const std::string& what) {
  return "vector line " + std::to_string(vector.lineNumber) + ": " + what;
}

std::vector<ReadResult> feedLine(CommandReader& reader, const std::string& bytes) {
  std::vector<ReadResult> results;
  for (unsigned char byte : bytes) results.push_back(reader.feed(byte));
  return results;
}

bool isCommandOrNak(ReadResult result) {
  return result == ReadResult::Command || result == ReadResult::Malformed;
}

void checkCrcVector(const Vector& vector) {
  const std::string input = unescape(vector.columns.at(0));
  CHECK_EQ(crcHex(input), vector.columns.at(1));
}

void checkTextVector(const Vector& vector) {
  const std::string decoded = unescape(vector.columns.at(0));
  const std::string encoded = unescape(vector.columns.at(1));
  std::string written;
  for (unsigned char byte : decoded) {
    char out[kMaxEncodedByte];
    written.append(out, percentEncode(byte, out));
  }
  CHECK_EQ(written, encoded);

  char buffer[256];
  size_t length = 0;
  CHECK(percentDecode(encoded.c_str(), buffer, sizeof(buffer), &length));
  CHECK_EQ(std::string(buffer, length), decoded);
}

// An accepted board frame: the writers must produce it, and a lenient vector (lower-case CRC,
// leading zeros, CRLF) must differ from the canonical form only in those respects.
void checkBoardFrameRebuilt(const FrameVector& frame) {
  const uint32_t seq = static_cast<uint32_t>(strtoul(frame.seqText.c_str(), nullptr, 10));
  const std::string canonical = canonicalLine(frame.type, seq, frame.fields);
  const std::string vectorText = frame.okFrameText() + "\n";

  const Rebuilt rebuilt = rebuildWithWriters(frame.type, seq, frame.fields);
  CHECK(rebuilt.ok);
  if (!rebuilt.typed)
    CHECK(frame.type == 'H');  // only a hello may be out of the writer's key order
  CHECK_EQ(rebuilt.line, canonical);
  if (vectorText == canonical) {
    CHECK_EQ(rebuilt.line, vectorText);
  } else {
    CHECK_EQ(normalizedFrameText(vectorText), canonical);
  }
  if (frame.type == 'R' || frame.type == 'E') CHECK_EQ(rebuilt.recordedPayload, frame.fields);
}

void checkCommandAccepted(const FrameVector& frame) {
  CommandReader reader;
  const std::vector<ReadResult> results = feedLine(reader, frame.line + "\n");
  for (size_t i = 0; i + 1 < results.size(); ++i) CHECK(!isCommandOrNak(results[i]));
  CHECK(results.back() == ReadResult::Command);
  if (results.back() != ReadResult::Command) return;

  const Command& command = reader.command();
  const std::vector<std::string> parts = splitOn(frame.fields, ',');
  CHECK_EQ(command.id, static_cast<uint16_t>(strtoul(frame.seqText.c_str(), nullptr, 10)));
  CHECK_EQ(std::string(command.verbText), parts.at(0));
  CHECK_EQ(static_cast<size_t>(command.argCount), parts.size() - 1);
  for (size_t i = 1; i < parts.size(); ++i) CHECK_EQ(std::string(command.arg(i - 1)), parts[i]);
}

void checkCommandRejected(const FrameVector& frame) {
  CommandReader reader;
  for (ReadResult result : feedLine(reader, frame.line + "\n"))
    CHECK(result != ReadResult::Command);
}

void checkIgnoredByCommandReader(const FrameVector& frame) {
  CommandReader reader;
  for (ReadResult result : feedLine(reader, frame.line + "\n")) CHECK(!isCommandOrNak(result));
}

void runFrameVector(const Vector& vector) {
  const FrameVector frame = toFrameVector(vector);
  const bool startsAsCommand = frame.line.compare(0, 2, "$C") == 0;
  if (frame.isOk() && frame.type != 'C') {
    test::runCase(caseName(vector, "rebuilt by the writers: " + frame.note),
                  [&] { checkBoardFrameRebuilt(frame); });
  }
  if (frame.isOk() && frame.type == 'C') {
    test::runCase(caseName(vector, "command read: " + frame.note),
                  [&] { checkCommandAccepted(frame); });
  } else if (startsAsCommand) {
    test::runCase(caseName(vector, "command rejected: " + frame.note),
                  [&] { checkCommandRejected(frame); });
  } else {
    test::runCase(caseName(vector, "ignored by the command reader: " + frame.note),
                  [&] { checkIgnoredByCommandReader(frame); });
  }
}

// All frame vector lines back to back on one port: exactly the accepted commands come out.
void checkWholeFileAsOneStream(const std::vector<Vector>& vectors) {
  CommandReader reader;
  std::vector<uint16_t> expectedIds;
  std::vector<uint16_t> seenIds;
  for (const Vector& vector : vectors) {
    if (vector.kind != "frame") continue;
    const FrameVector frame = toFrameVector(vector);
    if (frame.isOk() && frame.type == 'C') {
      expectedIds.push_back(static_cast<uint16_t>(strtoul(frame.seqText.c_str(), nullptr, 10)));
    }
    for (ReadResult result : feedLine(reader, frame.line + "\n")) {
      if (result == ReadResult::Command) seenIds.push_back(reader.command().id);
    }
  }
  CHECK(!expectedIds.empty());
  CHECK(seenIds == expectedIds);
}

}  // namespace

void runVectorCases(const std::string& path) {
  std::vector<Vector> vectors;
  test::runCase("vectors load from " + path, [&] {
    vectors = loadVectors(path);
    CHECK(vectors.size() > 50);
  });
  for (const Vector& vector : vectors) {
    if (vector.kind == "crc") {
      test::runCase(caseName(vector, "crc"), [&] { checkCrcVector(vector); });
    } else if (vector.kind == "text") {
      test::runCase(caseName(vector, "percent text"), [&] { checkTextVector(vector); });
    } else if (vector.kind == "frame") {
      runFrameVector(vector);
    }
    // "lenient" vectors describe the gateway's lenient ports; the board never reads them.
  }
  if (!vectors.empty()) {
    test::runCase("vectors: the whole file as one command stream",
                  [&] { checkWholeFileAsOneStream(vectors); });
  }
}
