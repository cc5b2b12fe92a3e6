// Writes an R (reading) frame value by value, straight to the port:
//
//   ReadingWriter& reading = link.beginReading();
//   reading.addValue(F("temp"), celsius, 2);   // skipped when the value is NaN or infinite
//   reading.addValue(F("count"), pulses);
//   reading.end();                             // sends nothing if no value was added
//
// The header goes out with the first accepted value, so a reading without values costs neither a
// frame nor a sequence number. Every add returns false and writes nothing when the name is not
// [A-Za-z0-9_.-]{1,32}, the value has no valid text, or the line would pass 256 bytes; that is how
// a failed sensor is left out. Names must not repeat within one reading.
#pragma once

#include "FrameWriter.h"
#include "SequenceCounter.h"
#include "TextRef.h"

namespace gwlink {

class ReadingWriter {
 public:
  ReadingWriter(FrameWriter& writer, SequenceCounter& sequence);

  // A float with `decimals` digits after the point (0-6).
  bool addValue(TextRef name, float value, uint8_t decimals);
  // Integers.
  bool addValue(TextRef name, int value) { return addValue(name, static_cast<long>(value)); }
  bool addValue(TextRef name, long value);
  bool addValue(TextRef name, unsigned int value) {
    return addValue(name, static_cast<unsigned long>(value));
  }
  bool addValue(TextRef name, unsigned long value);
  // A float needs its number of decimals: addValue(name, 21.5f, 2).
  bool addValue(TextRef name, float value) = delete;
  bool addValue(TextRef name, double value) = delete;
  // A number already written as text; it must match -?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?
  bool addNumberText(TextRef name, const char* number);

  // Ends the frame. True when a frame was sent; false when no value had been added.
  bool end();
  // A frame has been started and not yet ended.
  bool isOpen() const { return open_; }

 private:
  bool addField(TextRef name, const char* text, uint8_t textLength);

  FrameWriter& writer_;
  SequenceCounter& sequence_;
  bool open_;
};

}  // namespace gwlink
