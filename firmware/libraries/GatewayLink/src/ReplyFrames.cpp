#include "ReplyFrames.h"

#include "FieldSyntax.h"

namespace gwlink {
namespace {

TextRef reasonText(NakReason reason) {
  switch (reason) {
    case NakReason::Unknown:
      return F("unknown");
    case NakReason::BadArg:
      return F("badarg");
    case NakReason::Busy:
      return F("busy");
    case NakReason::Malformed:
      break;
  }
  return F("malformed");
}

}  // namespace

void writeAck(FrameWriter& writer, uint32_t seq, uint16_t commandId, const AckField* fields,
              uint8_t fieldCount) {
  writer.begin('A', seq);
  writer.beginField();
  writer.writeDecimal(commandId);
  for (uint8_t i = 0; i < fieldCount; ++i) {
    const uint16_t longestField = static_cast<uint16_t>(2 + fields[i].key.length() + 10);
    if (!isValidName(fields[i].key) || !writer.fits(longestField)) continue;
    writer.beginField();
    writer.writeText(fields[i].key);
    writer.writeByte('=');
    writer.writeDecimal(fields[i].value);
  }
  writer.end();
}

void writeNak(FrameWriter& writer, uint32_t seq, uint16_t commandId, NakReason reason,
              TextRef text) {
  writer.begin('N', seq);
  writer.beginField();
  writer.writeDecimal(commandId);
  writer.beginField();
  writer.writeText(reasonText(reason));
  if (!text.isEmpty()) {
    writer.beginField();
    writer.writeEncodedText(text);
  }
  writer.end();
}

}  // namespace gwlink
