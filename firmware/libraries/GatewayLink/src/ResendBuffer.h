// The last data frames sent, kept so that the gateway's `resend` can have them again with their
// original sequence numbers.
//
// Frames are stored compactly in a byte ring, oldest first, as
//   [type letter][payload length][payload: the fields between the seq and the '*']
// and always form a run of consecutive sequence numbers. Room for a new frame is made by
// evicting whole frames from the old end. A frame that cannot be held (longer than the ring, or
// than 255 bytes) empties the ring, so that what is held stays a gap-free run.
#pragma once

#include <stdint.h>

namespace gwlink {

// A frame found in the ring; read its payload with ResendBuffer::payloadByte().
struct HeldFrame {
  char type;
  uint32_t seq;
  uint16_t offset;  // ring index of the first payload byte
  uint8_t length;   // payload bytes
};

class ResendBuffer {
 public:
  // `storage` (capacity bytes, at most 16384) is owned by the caller. maxFrames 0 keeps nothing.
  ResendBuffer(uint8_t* storage, uint16_t capacity, uint8_t maxFrames);

  uint8_t maxFrames() const { return maxFrames_; }
  uint8_t frameCount() const { return count_; }
  // Sequence number of the oldest held frame; meaningful when frameCount() > 0.
  uint32_t firstSeq() const { return firstSeq_; }

  // Recording, one frame at a time: begin, append its payload bytes, commit.
  void beginFrame(char type, uint32_t seq);
  void append(uint8_t byte);
  void commitFrame();

  // Finds the held frame numbered `seq`; false when it is not (or no longer) held.
  bool find(uint32_t seq, HeldFrame* frame) const;
  uint8_t payloadByte(const HeldFrame& frame, uint8_t index) const;

 private:
  static const uint8_t kHeaderBytes = 2;
  static const uint8_t kMaxPayload = 255;

  uint16_t ringIndex(uint16_t offsetFromHead) const;
  bool reserve(uint16_t bytes);
  void evictOldest();

  uint8_t* storage_;
  uint16_t capacity_;
  uint8_t maxFrames_;

  uint16_t head_;  // ring index of the oldest frame's header
  uint16_t used_;  // bytes of committed frames
  uint8_t count_;
  uint32_t firstSeq_;

  uint16_t pendingUsed_;  // bytes of the frame being recorded, header included
  uint32_t pendingSeq_;
  bool pendingActive_;
  bool pendingDropped_;
};

}  // namespace gwlink
