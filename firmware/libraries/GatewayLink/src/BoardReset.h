// Restarting the board from software, through the watchdog (AVR only).
#pragma once

#if defined(__AVR__)

#include <Arduino.h>

namespace gwlink {

// Waits until `port` has sent everything (so an ack gets out), then lets the watchdog reset the
// board ~15 ms later. Does not return.
[[noreturn]] void restartBoard(Print& port);

}  // namespace gwlink

#endif
