#include "ReadingWriter.h"

#include <string.h>

#include "DecimalFormat.h"
#include "FieldSyntax.h"

namespace gwlink {

ReadingWriter::ReadingWriter(FrameWriter& writer, SequenceCounter& sequence)
    : writer_(writer), sequence_(sequence), open_(false) {}

bool ReadingWriter::addValue(TextRef name, float value, uint8_t decimals) {
  char text[kNumberTextSize];
  const uint8_t length = formatFloat(text, value, decimals);
  return length > 0 && addField(name, text, length);
}

bool ReadingWriter::addValue(TextRef name, long value) {
  char text[kNumberTextSize];
  return addField(name, text, formatSigned(text, value));
}

bool ReadingWriter::addValue(TextRef name, unsigned long value) {
  char text[kNumberTextSize];
  return addField(name, text, formatUnsigned(text, value));
}

bool ReadingWriter::addNumberText(TextRef name, const char* number) {
  const size_t length = strlen(number);
  if (length > 255 || !isDecimalNumber(number)) return false;
  return addField(name, number, static_cast<uint8_t>(length));
}

bool ReadingWriter::end() {
  if (!open_) return false;
  writer_.end();
  sequence_.advance();
  open_ = false;
  return true;
}

bool ReadingWriter::addField(TextRef name, const char* text, uint8_t textLength) {
  if (!isValidName(name)) return false;
  const uint16_t fieldBytes = static_cast<uint16_t>(1 + name.length() + 1 + textLength);
  if (!open_) {
    char seqText[kNumberTextSize];
    const uint16_t headerBytes =
        static_cast<uint16_t>(3 + formatUnsigned(seqText, sequence_.next()));
    if (headerBytes + fieldBytes + kTrailerBytes > kMaxLineBytes) return false;
    writer_.begin('R', sequence_.next());
    open_ = true;
  } else if (!writer_.fits(fieldBytes)) {
    return false;
  }
  writer_.beginField();
  writer_.writeText(name);
  writer_.writeByte('=');
  for (uint8_t i = 0; i < textLength; ++i) writer_.writeByte(static_cast<uint8_t>(text[i]));
  return true;
}

}  // namespace gwlink
