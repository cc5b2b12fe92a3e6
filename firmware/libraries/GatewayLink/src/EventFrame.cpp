#include "EventFrame.h"

#include "FieldSyntax.h"

namespace gwlink {

bool writeEvent(FrameWriter& writer, SequenceCounter& sequence, TextRef type, TextRef text) {
  if (!isValidName(type)) return false;
  writer.begin('E', sequence.next());
  writer.beginField();
  writer.writeText(type);
  if (!text.isEmpty()) {
    writer.beginField();
    writer.writeEncodedText(text);
  }
  writer.end();
  sequence.advance();
  return true;
}

}  // namespace gwlink
