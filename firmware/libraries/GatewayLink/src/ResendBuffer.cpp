#include "ResendBuffer.h"

namespace gwlink {

ResendBuffer::ResendBuffer(uint8_t* storage, uint16_t capacity, uint8_t maxFrames)
    : storage_(storage),
      capacity_(capacity),
      maxFrames_(maxFrames),
      head_(0),
      used_(0),
      count_(0),
      firstSeq_(0),
      pendingUsed_(0),
      pendingSeq_(0),
      pendingActive_(false),
      pendingDropped_(false) {}

void ResendBuffer::beginFrame(char type, uint32_t seq) {
  pendingActive_ = true;
  pendingDropped_ = maxFrames_ == 0;
  pendingSeq_ = seq;
  pendingUsed_ = 0;
  if (pendingDropped_) return;
  if (count_ == maxFrames_) evictOldest();
  if (!reserve(kHeaderBytes)) return;
  storage_[ringIndex(used_)] = static_cast<uint8_t>(type);
  storage_[ringIndex(used_ + 1)] = 0;
  pendingUsed_ = kHeaderBytes;
}

void ResendBuffer::append(uint8_t byte) {
  if (!pendingActive_ || pendingDropped_) return;
  if (pendingUsed_ - kHeaderBytes == kMaxPayload) {
    pendingDropped_ = true;
    return;
  }
  if (!reserve(1)) return;
  storage_[ringIndex(used_ + pendingUsed_)] = byte;
  ++pendingUsed_;
}

void ResendBuffer::commitFrame() {
  if (!pendingActive_) return;
  pendingActive_ = false;
  if (pendingDropped_) {
    // The held frames must stay consecutive: without this one, the older ones cannot be offered.
    while (count_ > 0) evictOldest();
    return;
  }
  storage_[ringIndex(used_ + 1)] = static_cast<uint8_t>(pendingUsed_ - kHeaderBytes);
  used_ += pendingUsed_;
  if (count_ == 0) firstSeq_ = pendingSeq_;
  ++count_;
  pendingUsed_ = 0;
}

bool ResendBuffer::find(uint32_t seq, HeldFrame* frame) const {
  if (count_ == 0 || seq < firstSeq_ || seq - firstSeq_ >= count_) return false;
  uint16_t offset = 0;
  for (uint32_t skip = seq - firstSeq_; skip > 0; --skip) {
    offset += kHeaderBytes + storage_[ringIndex(offset + 1)];
  }
  frame->type = static_cast<char>(storage_[ringIndex(offset)]);
  frame->seq = seq;
  frame->length = storage_[ringIndex(offset + 1)];
  frame->offset = ringIndex(offset + kHeaderBytes);
  return true;
}

uint8_t ResendBuffer::payloadByte(const HeldFrame& frame, uint8_t index) const {
  return storage_[(frame.offset + index) % capacity_];
}

uint16_t ResendBuffer::ringIndex(uint16_t offsetFromHead) const {
  return static_cast<uint16_t>((head_ + offsetFromHead) % capacity_);
}

bool ResendBuffer::reserve(uint16_t bytes) {
  while (used_ + pendingUsed_ + bytes > capacity_ && count_ > 0) evictOldest();
  if (used_ + pendingUsed_ + bytes <= capacity_) return true;
  pendingDropped_ = true;
  return false;
}

void ResendBuffer::evictOldest() {
  if (count_ == 0) return;
  const uint16_t size = kHeaderBytes + storage_[ringIndex(1)];
  head_ = ringIndex(size);
  used_ -= size;
  --count_;
  ++firstSeq_;
}

}  // namespace gwlink
