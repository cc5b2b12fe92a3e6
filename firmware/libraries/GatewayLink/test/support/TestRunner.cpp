#include "TestRunner.h"

#include <stdio.h>

#include <exception>
#include <utility>
#include <vector>

namespace test {
namespace {

int passed = 0;
int failed = 0;
int currentFailures = 0;
bool listPassing = false;
std::string currentName;

std::vector<std::pair<const char*, void (*)()>>& registry() {
  static std::vector<std::pair<const char*, void (*)()>> cases;
  return cases;
}

}  // namespace

Registrar::Registrar(const char* name, void (*body)()) { registry().push_back({name, body}); }

void runCase(const std::string& name, const std::function<void()>& body) {
  currentName = name;
  currentFailures = 0;
  try {
    body();
  } catch (const std::exception& error) {
    fail(std::string("exception: ") + error.what(), __FILE__, __LINE__);
  }
  if (currentFailures == 0) {
    ++passed;
    if (listPassing) printf("ok   %s\n", name.c_str());
  } else {
    ++failed;
  }
}

void setVerbose(bool verbose) { listPassing = verbose; }

void runRegisteredCases() {
  for (const auto& entry : registry()) runCase(entry.first, entry.second);
}

int summary() {
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}

void fail(const std::string& message, const char* file, int line) {
  if (currentFailures++ == 0) printf("FAIL %s\n", currentName.c_str());
  printf("    %s:%d: %s\n", file, line, message.c_str());
}

std::string show(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\\' || c == '"') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c > 0x7E) {
      char escaped[8];
      snprintf(escaped, sizeof(escaped), "\\x%02X", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string show(const char* text) { return text == nullptr ? "nullptr" : show(std::string(text)); }

}  // namespace test
