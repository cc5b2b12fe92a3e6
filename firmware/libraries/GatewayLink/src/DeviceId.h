// The 64-bit device id, most significant byte first (as written in the hello: 16 hex digits).
#pragma once

#include <stdint.h>

namespace gwlink {

struct DeviceId {
  uint8_t bytes[8];
};

}  // namespace gwlink
