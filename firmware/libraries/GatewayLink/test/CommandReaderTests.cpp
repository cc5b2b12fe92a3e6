// The command reader on its own: line assembly, resynchronisation, checks and parsing.
#include <string>
#include <vector>

#include "CommandReader.h"
#include "support/FrameText.h"
#include "support/TestRunner.h"

using namespace gwlink;

namespace {

// Feeds the bytes and returns the result of the last one.
ReadResult feedAll(CommandReader& reader, const std::string& bytes) {
  ReadResult last = ReadResult::None;
  for (unsigned char byte : bytes) last = reader.feed(byte);
  return last;
}

std::vector<uint16_t> commandIds(CommandReader& reader, const std::string& bytes) {
  std::vector<uint16_t> ids;
  for (unsigned char byte : bytes) {
    if (reader.feed(byte) == ReadResult::Command) ids.push_back(reader.command().id);
  }
  return ids;
}

std::string withCrc(const std::string& payload) {
  return "$" + payload + "*" + crcHex(payload) + "\n";
}

}  // namespace

TEST(reader_accepts_a_command_and_splits_its_arguments) {
  CommandReader reader;
  CHECK(feedAll(reader, commandLine(3, "out,7,1")) == ReadResult::Command);
  CHECK_EQ(reader.command().id, 3);
  CHECK(reader.command().verb == Verb::Out);
  CHECK_EQ(std::string(reader.command().verbText), "out");
  CHECK_EQ(reader.command().argCount, 2);
  uint32_t pin = 0;
  CHECK(reader.command().argAsUnsigned(0, &pin));
  CHECK_EQ(pin, 7u);
  CHECK(reader.command().arg(2) == nullptr);
}

TEST(reader_knows_every_verb_of_version_1) {
  const char* verbs[] = {"interval", "out",  "identify", "info",
                         "reboot",   "read", "resend",   "dance"};
  const Verb expected[] = {Verb::Interval, Verb::Out,  Verb::Identify, Verb::Info,
                           Verb::Reboot,   Verb::Read, Verb::Resend,   Verb::Unknown};
  for (size_t i = 0; i < 8; ++i) {
    CommandReader reader;
    CHECK(feedAll(reader, commandLine(1, verbs[i])) == ReadResult::Command);
    CHECK(reader.command().verb == expected[i]);
  }
}

TEST(reader_drops_an_overlong_line_and_resynchronises_at_newline) {
  CommandReader reader;
  const std::string overlong = withCrc("C,1,identify," + std::string(100, '9'));
  CHECK(feedAll(reader, overlong) == ReadResult::Ignored);
  CHECK_EQ(reader.counters().overlong, 1);
  CHECK(commandIds(reader, commandLine(2, "info")) == std::vector<uint16_t>{2});
}

TEST(reader_restarts_an_overlong_line_at_a_dollar) {
  CommandReader reader;
  const std::string bytes = "$" + std::string(200, 'x') + commandLine(3, "read");
  CHECK(commandIds(reader, bytes) == std::vector<uint16_t>{3});
  CHECK_EQ(reader.counters().overlong, 1);
}

TEST(reader_takes_the_longest_line_that_fits_its_buffer) {
  // The buffer holds GATEWAYLINK_COMMAND_LINE_BYTES - 1 bytes after the '$'.
  const size_t room = GATEWAYLINK_COMMAND_LINE_BYTES - 1;
  const std::string prefix = "C,4,identify,";
  const std::string fits = withCrc(prefix + std::string(room - 5 - prefix.size(), '1'));
  const std::string tooLong = withCrc(prefix + std::string(room - 4 - prefix.size(), '1'));
  CommandReader reader;
  CHECK(feedAll(reader, fits) == ReadResult::Command);
  CHECK(feedAll(reader, tooLong) == ReadResult::Ignored);
  CHECK_EQ(reader.counters().overlong, 1);
}

TEST(reader_restarts_a_line_at_a_dollar) {
  CommandReader reader;
  CHECK(commandIds(reader, "$C,1,inf" + commandLine(2, "info")) == std::vector<uint16_t>{2});
  CHECK_EQ(reader.counters().interrupted, 1);
  CHECK(commandIds(reader, "noise $$" + commandLine(5, "read")) == std::vector<uint16_t>{5});
}

TEST(reader_ignores_a_bad_crc_silently) {
  CommandReader reader;
  std::string line = commandLine(9, "reboot");
  line[line.size() - 2] = line[line.size() - 2] == '0' ? '1' : '0';
  CHECK(feedAll(reader, line) == ReadResult::Ignored);
  CHECK_EQ(reader.counters().crcErrors, 1);
}

TEST(reader_accepts_crlf_lower_case_crc_and_leading_zeros) {
  CommandReader reader;
  std::string line = commandLine(7, "read");
  line.insert(line.size() - 1, "\r");
  CHECK(feedAll(reader, line) == ReadResult::Command);

  std::string lower = commandLine(8, "info");
  for (size_t i = lower.find('*'); i < lower.size(); ++i) {
    if (lower[i] >= 'A' && lower[i] <= 'F') lower[i] = static_cast<char>(lower[i] - 'A' + 'a');
  }
  CHECK(lower != commandLine(8, "info"));
  CHECK(feedAll(reader, lower) == ReadResult::Command);
  CHECK_EQ(reader.command().id, 8);

  CHECK(feedAll(reader, withCrc("C,007,read")) == ReadResult::Command);
  CHECK_EQ(reader.command().id, 7);
}

TEST(reader_answers_malformed_commands_that_have_an_id) {
  const char* payloads[] = {"C,12",          "C,12,",         "C,12,out,,1",   "C,12,in fo",
                            "C,12,out,7,1,", "C,12,i\x01nfo", "C,12,out,7\t,1"};
  for (const char* payload : payloads) {
    CommandReader reader;
    CHECK(feedAll(reader, withCrc(payload)) == ReadResult::Malformed);
    CHECK_EQ(reader.command().id, 12);
  }
}

TEST(reader_treats_a_nul_byte_as_malformed) {
  CommandReader reader;
  const std::string payload("C,13,info\0x", 11);
  CHECK(feedAll(reader, withCrc(payload)) == ReadResult::Malformed);
  CHECK_EQ(reader.command().id, 13);
}

TEST(reader_cannot_answer_commands_without_a_usable_id) {
  const char* payloads[] = {"C",         "C,",        "C,0,info",          "C,65536,info",
                            "C,1x,info", "C,-1,info", "C,99999999999,info"};
  for (const char* payload : payloads) {
    CommandReader reader;
    CHECK(feedAll(reader, withCrc(payload)) == ReadResult::Ignored);
  }
  CommandReader reader;
  CHECK(feedAll(reader, withCrc("C,65535,info")) == ReadResult::Command);
}

TEST(reader_ignores_other_frames_and_plain_text) {
  CommandReader reader;
  CHECK(feedAll(reader, withCrc("R,1,x=1")) == ReadResult::Ignored);
  CHECK(feedAll(reader, withCrc("CC,1,info")) == ReadResult::Ignored);
  CHECK(feedAll(reader, "sensor-node starting\r\n") == ReadResult::None);
  CHECK(feedAll(reader, "\n\r\n") == ReadResult::None);
  CHECK(feedAll(reader, "$C,1,info\n") == ReadResult::Ignored);
  CHECK_EQ(reader.counters().notCommands, 2);
  CHECK_EQ(reader.counters().malformed, 1);
}

TEST(reader_keeps_count_of_arguments_beyond_its_slots) {
  CommandReader reader;
  CHECK(feedAll(reader, commandLine(6, "out,1,2,3,4,5,6")) == ReadResult::Command);
  CHECK_EQ(reader.command().argCount, 6);
  CHECK_EQ(std::string(reader.command().arg(3)), "4");
  CHECK(reader.command().arg(4) == nullptr);
}
