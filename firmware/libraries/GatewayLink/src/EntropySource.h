// Random bits for a new device id on a board without a random number generator.
#pragma once

#include <stdint.h>

#include "DeviceId.h"

namespace gwlink {

// Samples the ADC on an unconnected analog pin (its lowest bits are noise) together with micros()
// (whose jitter against the ADC clock adds more), many times over, and mixes everything into 64
// bits. Takes about 60 ms on an Uno. The pin must be left floating: a pin tied to a fixed voltage
// leaves only the timing jitter, and boards could then draw the same id.
DeviceId gatherDeviceId(uint8_t floatingAnalogPin);

}  // namespace gwlink
