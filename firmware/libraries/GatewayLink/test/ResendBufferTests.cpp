// The resend ring on its own, against a simple model of what it should hold.
#include <stdint.h>

#include <deque>
#include <string>

#include "ResendBuffer.h"
#include "support/TestRunner.h"

using namespace gwlink;

namespace {

struct ModelFrame {
  char type;
  uint32_t seq;
  std::string payload;
};

void record(ResendBuffer& buffer, char type, uint32_t seq, const std::string& payload) {
  buffer.beginFrame(type, seq);
  for (unsigned char byte : payload) buffer.append(byte);
  buffer.commitFrame();
}

std::string heldPayload(const ResendBuffer& buffer, uint32_t seq) {
  HeldFrame frame;
  if (!buffer.find(seq, &frame)) return "<not held>";
  std::string payload;
  for (uint8_t i = 0; i < frame.length; ++i)
    payload += static_cast<char>(buffer.payloadByte(frame, i));
  return std::string(1, frame.type) + ":" + payload;
}

}  // namespace

TEST(resend_buffer_evicts_by_frame_count) {
  uint8_t storage[256];
  ResendBuffer buffer(storage, sizeof(storage), 3);
  for (uint32_t seq = 1; seq <= 5; ++seq) record(buffer, 'R', seq, "v=" + std::to_string(seq));
  CHECK_EQ(buffer.frameCount(), 3);
  CHECK_EQ(buffer.firstSeq(), 3u);
  CHECK_EQ(heldPayload(buffer, 2), "<not held>");
  CHECK_EQ(heldPayload(buffer, 3), "R:v=3");
  CHECK_EQ(heldPayload(buffer, 5), "R:v=5");
  CHECK_EQ(heldPayload(buffer, 6), "<not held>");
}

TEST(resend_buffer_evicts_whole_frames_by_bytes) {
  uint8_t storage[25];
  ResendBuffer buffer(storage, sizeof(storage), 8);
  record(buffer, 'R', 1, "a=11111");  // 9 bytes each with the header
  record(buffer, 'E', 2, "b=22222");
  CHECK_EQ(buffer.frameCount(), 2);
  record(buffer, 'R', 3, "c=33333");  // needs 27 bytes: frame 1 goes
  CHECK_EQ(buffer.frameCount(), 2);
  CHECK_EQ(buffer.firstSeq(), 2u);
  CHECK_EQ(heldPayload(buffer, 2), "E:b=22222");
  CHECK_EQ(heldPayload(buffer, 3), "R:c=33333");
}

TEST(resend_buffer_matches_a_model_across_many_wraps) {
  uint8_t storage[64];
  ResendBuffer buffer(storage, sizeof(storage), 5);
  std::deque<ModelFrame> model;
  size_t modelBytes = 0;
  uint32_t state = 12345;
  for (uint32_t seq = 1; seq <= 500; ++seq) {
    state = state * 1103515245u + 12345u;
    const std::string payload =
        "x=" + std::string(1 + (state >> 16) % 20, static_cast<char>('a' + seq % 26));
    const char type = seq % 3 == 0 ? 'E' : 'R';
    record(buffer, type, seq, payload);

    model.push_back({type, seq, payload});
    modelBytes += payload.size() + 2;
    while (model.size() > 5 || modelBytes > sizeof(storage)) {
      modelBytes -= model.front().payload.size() + 2;
      model.pop_front();
    }
    CHECK_EQ(static_cast<size_t>(buffer.frameCount()), model.size());
    CHECK_EQ(buffer.firstSeq(), model.front().seq);
    for (const ModelFrame& frame : model) {
      CHECK_EQ(heldPayload(buffer, frame.seq), std::string(1, frame.type) + ":" + frame.payload);
    }
  }
}

TEST(resend_buffer_drops_a_frame_larger_than_itself_and_stays_gap_free) {
  uint8_t storage[16];
  ResendBuffer buffer(storage, sizeof(storage), 8);
  record(buffer, 'R', 1, "a=1");
  record(buffer, 'R', 2, std::string(20, 'z'));
  CHECK_EQ(buffer.frameCount(), 0);
  record(buffer, 'R', 3, "c=3");
  CHECK_EQ(buffer.frameCount(), 1);
  CHECK_EQ(buffer.firstSeq(), 3u);
  CHECK_EQ(heldPayload(buffer, 3), "R:c=3");
}

TEST(resend_buffer_drops_a_payload_over_255_bytes) {
  uint8_t storage[1024];
  ResendBuffer buffer(storage, sizeof(storage), 8);
  record(buffer, 'R', 1, "a=1");
  record(buffer, 'R', 2, std::string(256, 'z'));
  CHECK_EQ(buffer.frameCount(), 0);
  record(buffer, 'R', 3, std::string(255, 'y'));
  CHECK_EQ(buffer.frameCount(), 1);
  CHECK_EQ(heldPayload(buffer, 3).size(), 257u);
}

TEST(resend_buffer_with_no_frames_keeps_nothing) {
  uint8_t storage[32];
  ResendBuffer buffer(storage, sizeof(storage), 0);
  record(buffer, 'R', 1, "a=1");
  CHECK_EQ(buffer.frameCount(), 0);
  CHECK_EQ(heldPayload(buffer, 1), "<not held>");
}
