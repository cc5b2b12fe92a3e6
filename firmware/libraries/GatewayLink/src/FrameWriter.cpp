#include "FrameWriter.h"

#include "Crc16.h"
#include "DecimalFormat.h"
#include "FieldSyntax.h"
#include "PercentCodec.h"

namespace gwlink {

FrameWriter::FrameWriter(Print* sink, ResendBuffer* recorder)
    : sink_(sink),
      recorder_(recorder),
      crc_(kCrcInitial),
      length_(0),
      fields_(0),
      recordingFrame_(false),
      recordingBytes_(false) {}

void FrameWriter::begin(char type, uint32_t seq) {
  crc_ = kCrcInitial;
  length_ = 0;
  fields_ = 0;
  recordingBytes_ = false;
  recordingFrame_ = recorder_ != nullptr && isDataFrameType(type);
  if (recordingFrame_) recorder_->beginFrame(type, seq);

  emitUnchecked('$');
  emit(static_cast<uint8_t>(type));
  emit(',');
  writeDecimal(seq);
}

void FrameWriter::beginField() {
  emit(',');
  if (recordingFrame_) {
    // The recorder keeps the fields joined by commas, without the one after the seq.
    if (fields_ > 0) recorder_->append(',');
    recordingBytes_ = true;
  }
  if (fields_ < 255) ++fields_;
}

bool FrameWriter::fits(uint16_t bytes) const {
  return length_ + bytes + kTrailerBytes <= kMaxLineBytes;
}

void FrameWriter::writeByte(uint8_t byte) {
  emit(byte);
  if (recordingBytes_) recorder_->append(byte);
}

void FrameWriter::writeText(TextRef text) {
  for (size_t i = 0;; ++i) {
    const char c = text.at(i);
    if (c == '\0') return;
    writeByte(static_cast<uint8_t>(c));
  }
}

void FrameWriter::writeDecimal(uint32_t value) {
  char digits[kNumberTextSize];
  const uint8_t count = formatUnsigned(digits, value);
  for (uint8_t i = 0; i < count; ++i) writeByte(static_cast<uint8_t>(digits[i]));
}

void FrameWriter::writeHex(uint32_t value, uint8_t digits) {
  while (digits > 0) {
    --digits;
    writeByte(static_cast<uint8_t>(hexDigit(static_cast<uint8_t>(value >> (4 * digits)))));
  }
}

void FrameWriter::writeEncodedText(TextRef text) {
  char encoded[kMaxEncodedByte];
  for (size_t i = 0;; ++i) {
    const char c = text.at(i);
    if (c == '\0') return;
    const uint8_t length = percentEncode(static_cast<uint8_t>(c), encoded);
    if (!fits(length)) return;
    for (uint8_t k = 0; k < length; ++k) writeByte(static_cast<uint8_t>(encoded[k]));
  }
}

void FrameWriter::end() {
  const uint16_t crc = crc_;
  emitUnchecked('*');
  for (int8_t shift = 12; shift >= 0; shift -= 4) {
    emitUnchecked(static_cast<uint8_t>(hexDigit(static_cast<uint8_t>(crc >> shift))));
  }
  emitUnchecked('\n');
  if (recordingFrame_) recorder_->commitFrame();
  recordingFrame_ = false;
  recordingBytes_ = false;
}

void FrameWriter::emit(uint8_t byte) {
  crc_ = crc16Update(crc_, byte);
  emitUnchecked(byte);
}

void FrameWriter::emitUnchecked(uint8_t byte) {
  if (sink_ != nullptr) sink_->write(byte);
  ++length_;
}

}  // namespace gwlink
