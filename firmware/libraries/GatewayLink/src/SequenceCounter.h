// Sequence numbers of ADR 0001: data frames (R, E) are numbered 1, 2, 3... from each boot without
// gaps; control frames (H, A, N) carry the number of the last data frame sent (0 before the first).
#pragma once

#include <stdint.h>

namespace gwlink {

class SequenceCounter {
 public:
  explicit SequenceCounter(uint32_t lastSent = 0) : last_(lastSent) {}

  uint32_t last() const { return last_; }      // the seq a control frame carries
  uint32_t next() const { return last_ + 1; }  // the seq of the next data frame
  void advance() { ++last_; }                  // a data frame numbered next() was sent

 private:
  uint32_t last_;
};

}  // namespace gwlink
