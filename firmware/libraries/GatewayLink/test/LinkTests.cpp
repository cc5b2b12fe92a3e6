// GatewayLink as a sketch uses it: boot, sequence numbers, the commands it answers itself, resend.
#include <math.h>
#include <stdint.h>

#include <string>
#include <vector>

#include "GatewayLink.h"
#include "HostControl.h"
#include "support/EepromImage.h"
#include "support/FrameText.h"
#include "support/MemoryStream.h"
#include "support/TestRunner.h"

using namespace gwlink;

namespace {

const char* const kSensorNodeHello =
    "$H,0,p=1,id=3F9A2C71D04B8E15,boot=0000002A,fw=sensor-node,ver=1.0.0,iv=1000,rs=8,"
    "s=temp:C;light:%,o=13:led;7:relay*24EB\n";

NodeInfo sensorNode() {
  NodeInfo node;
  node.firmware = F("sensor-node");
  node.version = F("1.0.0");
  node.sensors = F("temp:C;light:%");
  node.outputs = F("13:led;7:relay");
  return node;
}

// A board with the identity of the shared hello vector, booted and its hello taken.
struct Board {
  MemoryStream port;
  GatewayLink link{port};

  Board() {
    host::reset();
    presetIdentity("3F9A2C71D04B8E15", 0x29);
    link.begin(sensorNode(), 1000);
    port.takeOutput();
  }

  void sendReading(int value) {
    ReadingWriter& reading = link.beginReading();
    reading.addValue("v", value);
    reading.end();
  }

  // Feeds the bytes and polls until the port is drained; collects commands for the sketch.
  std::vector<Verb> poll(const std::string& bytes) {
    port.feed(bytes);
    std::vector<Verb> forSketch;
    while (port.hasUnreadInput()) {
      if (const Command* command = link.poll()) forSketch.push_back(command->verb);
    }
    return forSketch;
  }

  std::vector<std::string> lines() { return splitLines(port.takeOutput()); }
};

}  // namespace

TEST(link_boot_sends_the_hello_of_the_shared_vector) {
  host::reset();
  presetIdentity("3F9A2C71D04B8E15", 0x29);
  MemoryStream port;
  GatewayLink link(port);
  CHECK(link.begin(sensorNode(), 1000));
  CHECK_EQ(port.takeOutput(), std::string(kSensorNodeHello));
  CHECK_EQ(link.identity().bootId(), 0x2Au);
  CHECK_EQ(link.lastSeq(), 0u);
}

TEST(link_numbers_data_frames_and_control_frames_carry_the_last) {
  Board board;
  board.sendReading(1);
  CHECK(board.link.sendEvent(F("button"), F("pressed")));
  CHECK(board.link.sendEvent(F("boot")));
  CHECK(!board.link.sendEvent(F("bad type")));
  board.link.beginReading().end();  // no values: no frame, no number
  board.sendReading(2);
  const std::vector<std::string> lines = board.lines();
  CHECK_EQ(lines.size(), 4u);
  CHECK_EQ(lines.at(0) + "\n", canonicalLine('R', 1, "v=1"));
  CHECK_EQ(lines.at(1) + "\n", canonicalLine('E', 2, "button,pressed"));
  CHECK_EQ(lines.at(2) + "\n", canonicalLine('E', 3, "boot"));
  CHECK_EQ(lines.at(3) + "\n", canonicalLine('R', 4, "v=2"));

  CHECK(board.poll(commandLine(5, "info")).empty());
  board.poll(commandLine(6, "dance"));
  const std::vector<std::string> control = board.lines();
  CHECK_EQ(control.size(), 3u);
  CHECK_EQ(control.at(0) + "\n", canonicalLine('A', 4, "5"));
  CHECK_EQ(parseFrame(control.at(1)).type, 'H');
  CHECK_EQ(parseFrame(control.at(1)).seq, 4u);
  CHECK_EQ(control.at(2) + "\n", canonicalLine('N', 4, "6,unknown"));

  board.sendReading(3);
  CHECK_EQ(board.lines().at(0) + "\n", canonicalLine('R', 5, "v=3"));
}

TEST(link_closes_an_open_reading_before_any_other_frame) {
  Board board;
  board.link.beginReading().addValue("a", 1);
  CHECK(board.link.sendEvent(F("button"), F("released")));
  const std::vector<std::string> lines = board.lines();
  CHECK_EQ(lines.size(), 2u);
  CHECK_EQ(lines.at(0) + "\n", canonicalLine('R', 1, "a=1"));
  CHECK_EQ(lines.at(1) + "\n", canonicalLine('E', 2, "button,released"));
}

TEST(link_hands_the_sketch_its_verbs_only) {
  Board board;
  const std::vector<Verb> verbs =
      board.poll(commandLine(1, "interval,2000") + commandLine(2, "out,7,1") +
                 commandLine(3, "identify") + commandLine(4, "reboot") + commandLine(5, "read") +
                 commandLine(6, "info") + commandLine(7, "resend,1") + commandLine(8, "fly"));
  const std::vector<Verb> expected = {Verb::Interval, Verb::Out, Verb::Identify, Verb::Reboot,
                                      Verb::Read};
  CHECK(verbs == expected);
}

TEST(link_answers_for_the_sketch_with_ack_and_nak) {
  Board board;
  board.port.feed(commandLine(46, "out,7,1"));
  const Command* command = board.link.poll();
  CHECK(command != nullptr);
  if (command == nullptr) return;
  board.link.ack(*command, F("pin"), 7, F("state"), 1);
  board.link.nak(*command, NakReason::BadArg, F("pin 4 is not an output"));
  board.link.ack(*command, F("iv"), 2000);
  board.link.ack(*command);
  const std::vector<std::string> lines = board.lines();
  CHECK_EQ(lines.at(0) + "\n", canonicalLine('A', 0, "46,pin=7,state=1"));
  CHECK_EQ(lines.at(1) + "\n", canonicalLine('N', 0, "46,badarg,pin 4 is not an output"));
  CHECK_EQ(lines.at(2) + "\n", canonicalLine('A', 0, "46,iv=2000"));
  CHECK_EQ(lines.at(3) + "\n", canonicalLine('A', 0, "46"));
}

TEST(link_naks_malformed_and_ignores_bad_crc) {
  Board board;
  const std::string malformed = "$C,9,out,,1*" + crcHex("C,9,out,,1") + "\n";
  std::string badCrc = commandLine(10, "read");
  badCrc[badCrc.size() - 3] = badCrc[badCrc.size() - 3] == 'A' ? 'B' : 'A';
  CHECK(board.poll(malformed + badCrc + "$C,0,read*" + crcHex("C,0,read") + "\n").empty());
  const std::vector<std::string> lines = board.lines();
  CHECK_EQ(lines.size(), 1u);
  CHECK_EQ(lines.at(0) + "\n", canonicalLine('N', 0, "9,malformed"));
  CHECK_EQ(board.link.counters().crcErrors, 1);
  CHECK_EQ(board.link.counters().malformed, 2);
}

TEST(link_naks_bad_arguments_of_its_own_verbs) {
  Board board;
  board.poll(commandLine(1, "resend") + commandLine(2, "resend,x") + commandLine(3, "resend,1,2") +
             commandLine(4, "info,now"));
  const std::vector<std::string> lines = board.lines();
  CHECK_EQ(lines.size(), 4u);
  for (size_t i = 0; i < lines.size(); ++i) {
    const FrameParts parts = parseFrame(lines[i]);
    CHECK_EQ(parts.type, 'N');
    CHECK_EQ(parts.fields.substr(0, 9), std::to_string(i + 1) + ",badarg,");
  }
}

TEST(link_resends_held_frames_with_their_original_numbers) {
  Board board;
  std::vector<std::string> sent;
  for (int i = 1; i <= 10; ++i) {
    if (i % 4 == 0) {
      board.link.sendEvent(F("button"), i % 8 == 0 ? F("released") : F("pressed"));
    } else {
      board.sendReading(i * 11);
    }
    sent.push_back(board.lines().at(0));
  }
  // rs=8: frames 3..10 are held.
  board.poll(commandLine(20, "resend,5"));
  std::vector<std::string> lines = board.lines();
  CHECK_EQ(lines.size(), 7u);
  CHECK_EQ(lines.at(0) + "\n", canonicalLine('A', 10, "20,from=5,to=10"));
  for (size_t i = 1; i < lines.size(); ++i) CHECK_EQ(lines[i], sent.at(i + 3));

  board.poll(commandLine(21, "resend,1"));  // older than the buffer: what is still held
  lines = board.lines();
  CHECK_EQ(lines.size(), 9u);
  CHECK_EQ(lines.at(0) + "\n", canonicalLine('A', 10, "21,from=3,to=10"));
  for (size_t i = 1; i < lines.size(); ++i) CHECK_EQ(lines[i], sent.at(i + 1));

  board.poll(commandLine(22, "resend,0"));
  CHECK_EQ(board.lines().at(0) + "\n", canonicalLine('A', 10, "22,from=3,to=10"));

  board.poll(commandLine(23, "resend,11"));  // nothing missing: an empty range
  lines = board.lines();
  CHECK_EQ(lines.size(), 1u);
  CHECK_EQ(lines.at(0) + "\n", canonicalLine('A', 10, "23,from=11,to=10"));

  board.poll(commandLine(24, "resend,4000000000"));
  lines = board.lines();
  CHECK_EQ(lines.size(), 1u);
  CHECK_EQ(lines.at(0) + "\n", canonicalLine('A', 10, "24,from=4000000000,to=10"));

  board.sendReading(99);  // numbering carries on after a resend
  CHECK_EQ(board.lines().at(0) + "\n", canonicalLine('R', 11, "v=99"));
}

TEST(link_resend_before_any_data_frame_offers_nothing) {
  Board board;
  board.poll(commandLine(1, "resend,1"));
  const std::vector<std::string> lines = board.lines();
  CHECK_EQ(lines.size(), 1u);
  CHECK_EQ(lines.at(0) + "\n", canonicalLine('A', 0, "1,from=1,to=0"));
}

TEST(link_resends_frames_cut_at_any_byte_of_the_port) {
  // Commands split into single bytes across polls work the same as whole lines.
  Board board;
  board.sendReading(1);
  board.sendReading(2);
  const std::vector<std::string> sent = board.lines();
  const std::string command = commandLine(30, "resend,2");
  for (char byte : command) {
    board.port.feed(std::string(1, byte));
    CHECK(board.link.poll() == nullptr);
  }
  const std::vector<std::string> lines = board.lines();
  CHECK_EQ(lines.size(), 2u);
  CHECK_EQ(lines.at(0) + "\n", canonicalLine('A', 2, "30,from=2,to=2"));
  CHECK_EQ(lines.at(1), sent.at(1));
}

TEST(link_with_an_invalid_node_sends_no_hello_and_naks_info) {
  host::reset();
  MemoryStream port;
  GatewayLink link(port);
  NodeInfo node = sensorNode();
  node.sensors = F("temp");  // no unit separator
  CHECK(!link.begin(node, 1000));
  CHECK_EQ(port.takeOutput(), "");
  port.feed(commandLine(1, "info"));
  CHECK(link.poll() == nullptr);
  const std::string answer = port.takeOutput();
  CHECK_EQ(answer.substr(0, 13), "$N,0,1,busy,n");
}

TEST(link_refuses_a_node_whose_hello_passes_256_bytes) {
  host::reset();
  MemoryStream port;
  GatewayLink link(port);
  std::string sensors;
  for (int i = 0; i < 12; ++i)
    sensors += (i ? ";" : "") + std::string("sensor_") + std::to_string(i) + ":unit";
  NodeInfo node = sensorNode();
  node.sensors = sensors.c_str();
  CHECK(!link.begin(node, 1000));
  CHECK_EQ(port.takeOutput(), "");
}

TEST(link_reports_the_current_interval_in_the_hello) {
  Board board;
  board.link.setSampleInterval(2500);
  board.poll(commandLine(1, "info"));
  const std::vector<std::string> lines = board.lines();
  CHECK_EQ(lines.size(), 2u);
  CHECK(lines.at(1).find(",iv=2500,") != std::string::npos);
}

TEST(link_poll_reads_a_bounded_number_of_bytes_per_call) {
  Board board;
  board.port.feed(std::string(1000, 'x'));
  CHECK(board.link.poll() == nullptr);
  CHECK_EQ(board.port.available(), 1000 - 64);
}
