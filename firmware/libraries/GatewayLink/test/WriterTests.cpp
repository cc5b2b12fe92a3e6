// The frame writers beyond the shared vectors: number text, line budget, text encoding, hello
// checks.
#include <math.h>
#include <stdint.h>

#include <limits>
#include <string>

#include "DecimalFormat.h"
#include "EventFrame.h"
#include "FieldSyntax.h"
#include "FrameWriter.h"
#include "HelloFrame.h"
#include "PercentCodec.h"
#include "ReadingWriter.h"
#include "ReplyFrames.h"
#include "support/FrameText.h"
#include "support/MemoryStream.h"
#include "support/TestRunner.h"

using namespace gwlink;

namespace {

std::string floatText(float value, uint8_t decimals) {
  char text[kNumberTextSize];
  formatFloat(text, value, decimals);
  return text;
}

std::string signedText(long value) {
  char text[kNumberTextSize];
  formatSigned(text, value);
  return text;
}

}  // namespace

TEST(float_text_is_fixed_point_and_rounded) {
  CHECK_EQ(floatText(21.5f, 2), "21.50");
  CHECK_EQ(floatText(40.1f, 1), "40.1");
  CHECK_EQ(floatText(-0.5f, 1), "-0.5");
  CHECK_EQ(floatText(0.125f, 2), "0.13");
  CHECK_EQ(floatText(-0.125f, 2), "-0.13");
  CHECK_EQ(floatText(99.996f, 2), "100.00");
  CHECK_EQ(floatText(3.7f, 0), "4");
  CHECK_EQ(floatText(0.0f, 0), "0");
  CHECK_EQ(floatText(1.0f, 9), "1.000000");
  CHECK_EQ(floatText(4294967040.0f, 0), "4294967040");
}

TEST(float_text_never_shows_negative_zero) {
  CHECK_EQ(floatText(-0.001f, 2), "0.00");
  CHECK_EQ(floatText(-0.0f, 1), "0.0");
}

TEST(float_text_uses_an_exponent_beyond_32_bits) {
  CHECK_EQ(floatText(1.0e12f, 2), "1.00e12");
  CHECK_EQ(floatText(-4.5e9f, 1), "-4.5e9");
  CHECK_EQ(floatText(9.9999e20f, 2), "1.00e21");
  CHECK(isDecimalNumber(floatText(3.0e38f, 6).c_str()));
}

TEST(float_text_refuses_nan_and_infinity) {
  char text[kNumberTextSize];
  CHECK_EQ(formatFloat(text, NAN, 2), 0);
  CHECK_EQ(formatFloat(text, INFINITY, 2), 0);
  CHECK_EQ(formatFloat(text, -INFINITY, 2), 0);
  CHECK_EQ(std::string(text), "");
}

TEST(integer_text_covers_the_whole_range) {
  CHECK_EQ(signedText(0), "0");
  CHECK_EQ(signedText(-2147483647L - 1), "-2147483648");
  CHECK_EQ(signedText(std::numeric_limits<long>::min()),
           std::to_string(std::numeric_limits<long>::min()));
  char text[kNumberTextSize];
  formatUnsigned(text, 4294967295UL);
  CHECK_EQ(std::string(text), "4294967295");
}

TEST(number_grammar_matches_the_adr) {
  const char* good[] = {"0", "-1", "21.50", "1e3", "-2.5E-2", "7E+4", "007"};
  const char* bad[] = {"", "-", "1.", ".5", "+5", "nan", "inf", "ovf", "1e", "1.5.2", "1 ", "0x1"};
  for (const char* text : good) CHECK(isDecimalNumber(text));
  for (const char* text : bad) CHECK(!isDecimalNumber(text));
}

TEST(reading_without_values_sends_nothing_and_keeps_the_seq) {
  MemoryStream port;
  FrameWriter writer(&port);
  SequenceCounter sequence(4);
  ReadingWriter reading(writer, sequence);
  CHECK(!reading.addValue("temp", NAN, 2));
  CHECK(!reading.addValue("bad name", 1));
  CHECK(!reading.addNumberText("x", "inf"));
  CHECK(!reading.end());
  CHECK_EQ(port.takeOutput(), "");
  CHECK_EQ(sequence.last(), 4u);
}

TEST(reading_skips_a_failed_sensor_and_keeps_the_rest) {
  MemoryStream port;
  FrameWriter writer(&port);
  SequenceCounter sequence;
  ReadingWriter reading(writer, sequence);
  CHECK(!reading.addValue("temp", NAN, 2));
  CHECK(reading.addValue("light", 40.1f, 1));
  CHECK(!reading.addValue("hum", INFINITY, 1));
  CHECK(reading.addValue("count", 12u));
  CHECK(reading.addValue("uptime", 4000000000UL));
  CHECK(reading.addValue("delta", -3));
  CHECK(reading.end());
  CHECK_EQ(port.takeOutput(),
           canonicalLine('R', 1, "light=40.1,count=12,uptime=4000000000,delta=-3"));
  CHECK_EQ(sequence.last(), 1u);
}

TEST(reading_stops_accepting_values_at_256_bytes) {
  MemoryStream port;
  FrameWriter writer(&port);
  SequenceCounter sequence(4294967294UL);
  ReadingWriter reading(writer, sequence);
  int accepted = 0;
  for (int i = 0; i < 40; ++i) {
    if (reading.addValue(("value_" + std::to_string(i)).c_str(), -1234567.5f, 1)) ++accepted;
  }
  CHECK(reading.end());
  const std::string line = port.takeOutput();
  CHECK(line.size() <= 256);
  CHECK(line.size() > 256 - 20);
  CHECK(accepted > 5 && accepted < 40);
  const FrameParts parts = parseFrame(line.substr(0, line.size() - 1));
  CHECK(parts.valid);
  CHECK_EQ(parts.seq, 4294967295UL);
}

TEST(reading_refuses_a_first_value_too_long_for_any_line) {
  MemoryStream port;
  FrameWriter writer(&port);
  SequenceCounter sequence;
  ReadingWriter reading(writer, sequence);
  const std::string huge(250, '1');
  CHECK(!reading.addNumberText("x", huge.c_str()));
  CHECK(!reading.end());
  CHECK_EQ(port.takeOutput(), "");
}

TEST(event_text_is_encoded_and_cut_to_fit_the_line) {
  MemoryStream port;
  FrameWriter writer(&port);
  SequenceCounter sequence;
  CHECK(writeEvent(writer, sequence, "fault", "50% done, ok"));
  CHECK_EQ(port.takeOutput(), canonicalLine('E', 1, "fault,50%25 done%2C ok"));

  const std::string longText(300, ',');
  CHECK(writeEvent(writer, sequence, "fault", longText.c_str()));
  const std::string line = port.takeOutput();
  CHECK(line.size() <= 256);
  CHECK(parseFrame(line.substr(0, line.size() - 1)).valid);
  CHECK(line.find("%2C%2C*") != std::string::npos);  // cut at a whole encoded byte
  CHECK_EQ(sequence.last(), 2u);
}

TEST(event_with_an_invalid_type_is_not_sent) {
  MemoryStream port;
  FrameWriter writer(&port);
  SequenceCounter sequence;
  CHECK(!writeEvent(writer, sequence, "", "x"));
  CHECK(!writeEvent(writer, sequence, "no spaces", nullptr));
  CHECK(!writeEvent(writer, sequence, std::string(33, 'n').c_str(), nullptr));
  CHECK(writeEvent(writer, sequence, std::string(32, 'n').c_str(), ""));
  CHECK_EQ(port.takeOutput(), canonicalLine('E', 1, std::string(32, 'n')));
}

TEST(nak_text_is_percent_encoded) {
  MemoryStream port;
  FrameWriter writer(&port);
  writeNak(writer, 3, 17, NakReason::BadArg, F("pin 4, not an output"));
  CHECK_EQ(port.takeOutput(), canonicalLine('N', 3, "17,badarg,pin 4%2C not an output"));
  writeNak(writer, 3, 18, NakReason::Busy, nullptr);
  CHECK_EQ(port.takeOutput(), canonicalLine('N', 3, "18,busy"));
}

TEST(ack_leaves_out_fields_with_invalid_keys) {
  MemoryStream port;
  FrameWriter writer(&port);
  const AckField fields[] = {{"iv", 2000}, {"bad key", 1}, {"", 2}};
  writeAck(writer, 0, 5, fields, 3);
  CHECK_EQ(port.takeOutput(), canonicalLine('A', 0, "5,iv=2000"));
}

TEST(percent_decoder_rejects_broken_escapes) {
  char buffer[16];
  size_t length = 0;
  CHECK(!percentDecode("%G1", buffer, sizeof(buffer), &length));
  CHECK(!percentDecode("abc%4", buffer, sizeof(buffer), &length));
  CHECK(!percentDecode("%", buffer, sizeof(buffer), &length));
  CHECK(!percentDecode("0123456789abcdef", buffer, sizeof(buffer), &length));
  CHECK(percentDecode("%2c%00x", buffer, sizeof(buffer), &length));
  CHECK_EQ(std::string(buffer, length), std::string(",\0x", 3));
}

TEST(node_info_is_checked_against_the_adr_grammar) {
  NodeInfo node;
  node.firmware = "sensor-node";
  node.version = "1.0.0+build.7";
  node.sensors = "temp:C;light:%;button:";
  node.outputs = "13:led;7:relay";
  CHECK(isValidNodeInfo(node));
  node.outputs = nullptr;
  CHECK(isValidNodeInfo(node));

  NodeInfo broken = node;
  broken.firmware = "sensor node";
  CHECK(!isValidNodeInfo(broken));
  broken = node;
  broken.version = "";
  CHECK(!isValidNodeInfo(broken));
  broken = node;
  broken.sensors = "temp";
  CHECK(!isValidNodeInfo(broken));
  broken = node;
  broken.sensors = "temp:C;";
  CHECK(!isValidNodeInfo(broken));
  broken = node;
  broken.sensors = "temp:abcdefghijklmnopq";  // unit of 17 bytes
  CHECK(!isValidNodeInfo(broken));
  broken = node;
  broken.sensors =
      "temp:\xC2\xB0"
      "C";
  CHECK(!isValidNodeInfo(broken));
  broken = node;
  broken.outputs = "13:";
  CHECK(!isValidNodeInfo(broken));
  broken = node;
  broken.outputs = "13led";
  CHECK(!isValidNodeInfo(broken));
}
