// Reads tests/vectors/frames.tsv (format: tests/vectors/README.md).
#pragma once

#include <string>
#include <vector>

struct Vector {
  int lineNumber = 0;
  std::string kind;                  // crc, text, frame, lenient
  std::vector<std::string> columns;  // after the kind, escapes still in place
};

// Throws std::runtime_error when the file cannot be read.
std::vector<Vector> loadVectors(const std::string& path);

// Resolves the escapes \\ \t \r \n \xHH; throws std::runtime_error on a bad escape.
std::string unescape(const std::string& text);
