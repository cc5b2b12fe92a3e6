// Rebuilds a board frame from the type, seq and fields of a vector using the library's typed
// writers, the way a sketch would produce it.
#pragma once

#include <stdint.h>

#include <string>

struct Rebuilt {
  bool ok = false;              // every writer call accepted its input
  bool typed = false;           // built by the typed writer (a hello with keys out of the writer's
                                // order, or unknown keys, is built field by field instead)
  std::string line;             // what the writer sent, '\n' included
  std::string recordedPayload;  // what the resend buffer kept of a data frame
};

Rebuilt rebuildWithWriters(char type, uint32_t seq, const std::string& fields);

// A vector frame written leniently (lower-case CRC, leading zeros in the seq, "\r\n") in the form
// a writer produces; returned unchanged when its CRC does not match.
std::string normalizedFrameText(const std::string& text);
