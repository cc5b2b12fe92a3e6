// Writes one frame straight to a Print (Serial), computing its CRC on the way: no line buffer.
//
//   $<type>,<seq>[,<field>]...*<CRC>\n
//
// The typed writers (HelloFrame, ReadingWriter, EventFrame, ReplyFrames) build on it. It never
// writes more than the 256 bytes a line may have as long as callers ask fits() before each field.
#pragma once

#include <Arduino.h>

#include "ResendBuffer.h"
#include "TextRef.h"

namespace gwlink {

const uint16_t kMaxLineBytes = 256;  // from '$' to '\n' inclusive
const uint8_t kTrailerBytes = 6;     // "*XXXX\n"

class FrameWriter {
 public:
  // sink nullptr only measures (see lineLength()). With a recorder, the payload of every data frame
  // (R, E) is also kept in it for resend.
  explicit FrameWriter(Print* sink, ResendBuffer* recorder = nullptr);

  // Starts a frame: "$<type>,<seq>".
  void begin(char type, uint32_t seq);
  // Starts the next field: the ',' before it.
  void beginField();
  // Whether `bytes` more bytes leave room for the trailer within kMaxLineBytes.
  bool fits(uint16_t bytes) const;

  void writeByte(uint8_t byte);
  void writeText(TextRef text);
  void writeDecimal(uint32_t value);
  void writeHex(uint32_t value, uint8_t digits);
  // Free text, percent-encoded, cut at a whole encoded byte where the line would pass 256 bytes.
  void writeEncodedText(TextRef text);

  // Ends the frame: "*<CRC>\n".
  void end();

  // Bytes of the current frame so far, from the '$' (after end(): the whole line).
  uint16_t lineLength() const { return length_; }

 private:
  void emit(uint8_t byte);  // a checked byte: to the sink and into the CRC
  void emitUnchecked(uint8_t byte);

  Print* sink_;
  ResendBuffer* recorder_;
  uint16_t crc_;
  uint16_t length_;
  uint8_t fields_;
  bool recordingFrame_;  // this frame is a data frame going into the recorder
  bool recordingBytes_;  // the payload has started
};

}  // namespace gwlink
