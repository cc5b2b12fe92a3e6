// sensor-node: the reference sketch for the edge gateway's serial frames
// (docs/adr/0001-serial-frames.md), for an Arduino Uno.
//
// Sends a reading of temperature and light every sample interval, button presses and sensor
// faults as events, and answers every command of protocol version 1.
//
// Pin map:
//   A0   TMP36 output (plus ~1 MOhm from A0 to GND, so that an unplugged sensor reads 0 V)
//   A1   light: LDR from 5 V to A1, 10 kOhm from A1 to GND (brighter = higher)
//   A5   leave unconnected: its noise seeds the device id on the first boot
//   D2   push button to GND (internal pull-up, pressed = LOW)
//   D7   relay (driver input; HIGH = on)
//   D13  LED (the Uno's on-board LED)
//
// Serial: 115200 baud, 8N1. One plain debug line at boot, then the hello and the frames.
#include <GatewayLink.h>

#include "AnalogInput.h"
#include "DebouncedButton.h"
#include "LedOutput.h"
#include "Tmp36Sensor.h"

#define FIRMWARE_NAME "sensor-node"
#define FIRMWARE_VERSION "1.0.0"

const uint8_t kTemperaturePin = A0;
const uint8_t kLightPin = A1;
const uint8_t kEntropyPin = A5;
const uint8_t kButtonPin = 2;
const uint8_t kRelayPin = 7;
const uint8_t kLedPin = 13;

const uint32_t kDefaultIntervalMs = 1000;
const uint32_t kMinIntervalMs = 100;
const uint32_t kMaxIntervalMs = 3600000UL;
const uint32_t kDefaultIdentifySeconds = 5;
const uint32_t kMaxIdentifySeconds = 60;
const uint8_t kButtonSettleMs = 30;

// Kept in EEPROM by the library's settings store.
struct NodeSettings {
  uint32_t sampleIntervalMs;
};

GatewayLink gateway(Serial);
Tmp36Sensor temperature(kTemperaturePin);
DebouncedButton button(kButtonPin, kButtonSettleMs);
LedOutput led(kLedPin);
NodeSettings settings;
unsigned long lastSampleAt = 0;

static bool isValidInterval(uint32_t intervalMs) {
  return intervalMs >= kMinIntervalMs && intervalMs <= kMaxIntervalMs;
}

static void loadNodeSettings() {
  if (!gwlink::loadSettings(&settings, sizeof(settings)) ||
      !isValidInterval(settings.sampleIntervalMs)) {
    settings.sampleIntervalMs = kDefaultIntervalMs;
  }
}

static void setRelay(bool on) { digitalWrite(kRelayPin, on ? HIGH : LOW); }

// Temperature first: a fault event goes out before the reading that leaves the value out.
static void sampleAndSend() {
  switch (temperature.sample()) {
    case Tmp36Sensor::Change::Disconnected:
      gateway.sendEvent(F("fault"), F("temp sensor disconnected"));
      break;
    case Tmp36Sensor::Change::Reconnected:
      gateway.sendEvent(F("recovered"), F("temp sensor reconnected"));
      break;
    case Tmp36Sensor::Change::None:
      break;
  }
  const float lightPercent = percentOfReference(millivoltsFromReading(readSettled(kLightPin)));

  gwlink::ReadingWriter& reading = gateway.beginReading();
  if (temperature.isConnected()) reading.addValue(F("temp"), temperature.celsius(), 2);
  reading.addValue(F("light"), lightPercent, 1);
  reading.end();
}

static void reportButton(unsigned long nowMs) {
  switch (button.update(nowMs)) {
    case DebouncedButton::Edge::Pressed:
      gateway.sendEvent(F("button"), F("pressed"));
      break;
    case DebouncedButton::Edge::Released:
      gateway.sendEvent(F("button"), F("released"));
      break;
    case DebouncedButton::Edge::None:
      break;
  }
}

static void answerInterval(const gwlink::Command& command) {
  uint32_t intervalMs = 0;
  if (command.argCount != 1 || !command.argAsUnsigned(0, &intervalMs) ||
      !isValidInterval(intervalMs)) {
    gateway.nak(command, gwlink::NakReason::BadArg, F("interval is 100 to 3600000 ms"));
    return;
  }
  settings.sampleIntervalMs = intervalMs;
  gwlink::saveSettings(&settings, sizeof(settings));
  gateway.setSampleInterval(intervalMs);
  gateway.ack(command, F("iv"), intervalMs);
}

static void nakNotAnOutput(const gwlink::Command& command, uint32_t pin) {
  char text[32];
  strcpy_P(text, PSTR("pin "));
  ultoa(pin, text + strlen(text), 10);
  strcat_P(text, PSTR(" is not an output"));
  gateway.nak(command, gwlink::NakReason::BadArg, text);
}

static void answerOut(const gwlink::Command& command) {
  uint32_t pin = 0;
  uint32_t state = 0;
  if (command.argCount != 2 || !command.argAsUnsigned(0, &pin) ||
      !command.argAsUnsigned(1, &state) || state > 1) {
    gateway.nak(command, gwlink::NakReason::BadArg, F("out takes a pin and 0 or 1"));
    return;
  }
  if (pin == kLedPin) {
    led.set(state == 1);
  } else if (pin == kRelayPin) {
    setRelay(state == 1);
  } else {
    nakNotAnOutput(command, pin);
    return;
  }
  gateway.ack(command, F("pin"), pin, F("state"), state);
}

static void answerIdentify(const gwlink::Command& command) {
  uint32_t seconds = kDefaultIdentifySeconds;
  const bool valid =
      command.argCount == 0 || (command.argCount == 1 && command.argAsUnsigned(0, &seconds) &&
                                seconds >= 1 && seconds <= kMaxIdentifySeconds);
  if (!valid) {
    gateway.nak(command, gwlink::NakReason::BadArg, F("identify takes 1 to 60 s"));
    return;
  }
  gateway.ack(command, F("s"), seconds);
  led.identify(static_cast<uint8_t>(seconds), millis());
}

static void answerReboot(const gwlink::Command& command) {
  if (command.argCount != 0) {
    gateway.nak(command, gwlink::NakReason::BadArg, F("reboot takes no arguments"));
    return;
  }
  gateway.ack(command);
  gwlink::restartBoard(Serial);
}

static void answerRead(const gwlink::Command& command) {
  if (command.argCount != 0) {
    gateway.nak(command, gwlink::NakReason::BadArg, F("read takes no arguments"));
    return;
  }
  gateway.ack(command);
  sampleAndSend();
}

// The link answers info and resend itself and naks unknown verbs; these are the sketch's.
static void answerCommand(const gwlink::Command& command) {
  switch (command.verb) {
    case gwlink::Verb::Interval:
      answerInterval(command);
      break;
    case gwlink::Verb::Out:
      answerOut(command);
      break;
    case gwlink::Verb::Identify:
      answerIdentify(command);
      break;
    case gwlink::Verb::Reboot:
      answerReboot(command);
      break;
    case gwlink::Verb::Read:
      answerRead(command);
      break;
    case gwlink::Verb::Info:
    case gwlink::Verb::Resend:
    case gwlink::Verb::Unknown:
      gateway.nak(command, gwlink::NakReason::Unknown);
      break;
  }
}

void setup() {
  pinMode(kRelayPin, OUTPUT);
  setRelay(false);
  led.begin();
  button.begin();

  Serial.begin(115200);
  Serial.println(F(FIRMWARE_NAME " " FIRMWARE_VERSION " starting"));

  loadNodeSettings();
  gwlink::NodeInfo node;
  node.firmware = F(FIRMWARE_NAME);
  node.version = F(FIRMWARE_VERSION);
  node.sensors = F("temp:C;light:%");
  node.outputs = F("13:led;7:relay");
  if (!gateway.begin(node, settings.sampleIntervalMs, kEntropyPin)) {
    Serial.println(F(FIRMWARE_NAME ": node description rejected, no hello"));
  }

  sampleAndSend();
  lastSampleAt = millis();
}

void loop() {
  if (const gwlink::Command* command = gateway.poll()) answerCommand(*command);

  const unsigned long now = millis();
  reportButton(now);
  led.update(now);
  if (now - lastSampleAt >= settings.sampleIntervalMs) {
    // Keep the period without drift, but never try to catch up a backlog of samples.
    lastSampleAt += settings.sampleIntervalMs;
    if (now - lastSampleAt >= settings.sampleIntervalMs) lastSampleAt = now;
    sampleAndSend();
  }
}
