// A small self-contained test runner: named cases, checks that report and carry on, and a summary.
#pragma once

#include <functional>
#include <sstream>
#include <string>

namespace test {

// Runs `body` as one case; it fails when any check inside fails or it throws.
void runCase(const std::string& name, const std::function<void()>& body);

// Every case registered with TEST(), in file and line order of registration.
void runRegisteredCases();

// Lists passing cases too.
void setVerbose(bool verbose);

// Prints "N passed, N failed" and returns the process exit code.
int summary();

void fail(const std::string& message, const char* file, int line);

std::string show(const std::string& text);  // quoted, control bytes escaped
std::string show(const char* text);
template <typename T>
std::string show(const T& value) {
  std::ostringstream out;
  out << +value;  // unary + prints small integer types as numbers
  return out.str();
}

template <typename A, typename B>
void checkEqual(const A& actual, const B& expected, const char* expression, const char* file,
                int line) {
  if (actual == expected) return;
  fail(std::string(expression) + "\n      got      " + show(actual) + "\n      expected " +
           show(expected),
       file, line);
}

struct Registrar {
  Registrar(const char* name, void (*body)());
};

}  // namespace test

#define CHECK(condition) \
  ((condition) ? (void)0 : test::fail(std::string("CHECK(") + #condition + ")", __FILE__, __LINE__))
#define CHECK_EQ(actual, expected) \
  test::checkEqual((actual), (expected), #actual, __FILE__, __LINE__)

#define TEST(name)                                           \
  static void name();                                        \
  static const test::Registrar name##Registrar(#name, name); \
  static void name()
