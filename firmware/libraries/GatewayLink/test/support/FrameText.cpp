#include "FrameText.h"

#include <stdio.h>
#include <stdlib.h>

#include "Crc16.h"

std::string crcHex(const std::string& payload) {
  char hex[8];
  snprintf(hex, sizeof(hex), "%04X", gwlink::crc16(payload.data(), payload.size()));
  return hex;
}

std::string canonicalLine(char type, uint32_t seq, const std::string& fields) {
  std::string payload = std::string(1, type) + "," + std::to_string(seq);
  if (!fields.empty() && fields != "-") payload += "," + fields;
  return "$" + payload + "*" + crcHex(payload) + "\n";
}

std::string commandLine(uint32_t id, const std::string& verbAndArgs) {
  const std::string payload = "C," + std::to_string(id) + "," + verbAndArgs;
  return "$" + payload + "*" + crcHex(payload) + "\n";
}

std::vector<std::string> splitLines(const std::string& output) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < output.size()) {
    const size_t end = output.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(output.substr(start));
      break;
    }
    lines.push_back(output.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> splitOn(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    const size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

FrameParts parseFrame(const std::string& line) {
  FrameParts parts;
  const size_t star = line.find('*');
  if (line.size() < 4 || line[0] != '$' || star == std::string::npos || star + 5 != line.size()) {
    return parts;
  }
  const std::string payload = line.substr(1, star - 1);
  if (crcHex(payload) != line.substr(star + 1)) return parts;
  if (payload.size() < 3 || payload[1] != ',') return parts;
  parts.type = payload[0];
  const size_t comma = payload.find(',', 2);
  const std::string seq =
      payload.substr(2, comma == std::string::npos ? std::string::npos : comma - 2);
  if (seq.empty() || seq.find_first_not_of("0123456789") != std::string::npos) return parts;
  parts.seq = static_cast<uint32_t>(strtoul(seq.c_str(), nullptr, 10));
  parts.fields = comma == std::string::npos ? "" : payload.substr(comma + 1);
  parts.valid = true;
  return parts;
}
