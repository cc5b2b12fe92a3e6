#include "BoardReset.h"

#if defined(__AVR__)

#include <avr/wdt.h>

namespace gwlink {

void restartBoard(Print& port) {
  port.flush();
  wdt_enable(WDTO_15MS);
  for (;;) {
  }
}

}  // namespace gwlink

// After a watchdog reset the watchdog stays on with its shortest timeout; a board started without
// a bootloader that switches it off (or an old bootloader) would reset again during setup().
// This runs before the C++ runtime is set up, in .init3, and switches it off.
extern "C" void gatewayLinkStopWatchdog(void) __attribute__((naked, used, section(".init3")));
extern "C" void gatewayLinkStopWatchdog(void) {
  MCUSR = 0;
  wdt_disable();
}

#endif
