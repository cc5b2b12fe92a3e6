// Frame lines built and taken apart independently of the library's writers, for assertions.
#pragma once

#include <stdint.h>

#include <string>
#include <vector>

// "$<type>,<seq>[,<fields>]*<CRC>\n" in canonical form (fields "" or "-": none).
std::string canonicalLine(char type, uint32_t seq, const std::string& fields);

// A command line as the gateway sends it: "$C,<id>,<verbAndArgs>*<CRC>\n".
std::string commandLine(uint32_t id, const std::string& verbAndArgs);

std::string crcHex(const std::string& payload);

// Splits output at '\n' (each line without it); a trailing partial line is kept.
std::vector<std::string> splitLines(const std::string& output);

std::vector<std::string> splitOn(const std::string& text, char separator);

struct FrameParts {
  bool valid = false;  // '$', type, ',', seq, '*', 4 hex digits and a matching CRC
  char type = 0;
  uint32_t seq = 0;
  std::string fields;  // the payload after "<type>,<seq>," ("" when none)
};

// Parses one line (without '\n') as written by the board.
FrameParts parseFrame(const std::string& line);
