// The E (event) frame: "$E,<seq>,<type>[,<text>]*CRC", the text percent-encoded.
#pragma once

#include "FrameWriter.h"
#include "SequenceCounter.h"
#include "TextRef.h"

namespace gwlink {

// Writes an event numbered sequence.next() and advances the counter. Empty or absent text leaves
// the text field out; text too long for the 256-byte line is cut at a whole encoded byte.
// Returns false, writing nothing, when `type` is not a valid name.
bool writeEvent(FrameWriter& writer, SequenceCounter& sequence, TextRef type, TextRef text);

}  // namespace gwlink
