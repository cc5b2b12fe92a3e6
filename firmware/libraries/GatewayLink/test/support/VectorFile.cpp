#include "VectorFile.h"

#include <fstream>
#include <stdexcept>

#include "FrameText.h"

namespace {

int hexNibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::vector<Vector> loadVectors(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::vector<Vector> vectors;
  std::string line;
  for (int number = 1; std::getline(file, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    Vector vector;
    vector.lineNumber = number;
    vector.columns = splitOn(line, '\t');
    vector.kind = vector.columns.front();
    vector.columns.erase(vector.columns.begin());
    vectors.push_back(vector);
  }
  return vectors;
}

std::string unescape(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i == text.size()) throw std::runtime_error("dangling backslash in " + text);
    switch (text[i]) {
      case '\\':
        out += '\\';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'n':
        out += '\n';
        break;
      case 'x': {
        const int high = i + 1 < text.size() ? hexNibble(text[i + 1]) : -1;
        const int low = i + 2 < text.size() ? hexNibble(text[i + 2]) : -1;
        if (high < 0 || low < 0) throw std::runtime_error("bad \\x escape in " + text);
        out += static_cast<char>(high * 16 + low);
        i += 2;
        break;
      }
      default:
        throw std::runtime_error("unknown escape in " + text);
    }
  }
  return out;
}
