// Self-test sketch for avr-board: a line-oriented echo with a few probes.
//
//   boot:          "BOOT <n> <id>"   n = boot counter kept in EEPROM (bytes 0-3),
//                                    id = 8 hex digits made once from A5 noise (bytes 4-7)
//   "A\n"       -> "A0 <analogRead(A0)>"
//   "M\n"       -> "MS <millis()>"
//   "R\n"       -> "REBOOT", then a watchdog reset
//   other line  -> "ECHO <line>"
//   always:        D13 follows D2 (INPUT_PULLUP)
#include <EEPROM.h>
#include <avr/wdt.h>

static char line[96];
static uint8_t len;
static uint32_t boots;
static uint32_t id;

static uint32_t readU32(int addr) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; i--) v = (v << 8) | EEPROM.read(addr + i);
  return v;
}

static void writeU32(int addr, uint32_t v) {
  for (int i = 0; i < 4; i++) EEPROM.update(addr + i, (uint8_t)(v >> (8 * i)));
}

static uint32_t noiseId() {
  uint32_t v = 0;
  for (int i = 0; i < 32; i++) v = (v << 1) ^ (v >> 31) ^ (uint32_t)analogRead(A5);
  return v;
}

void setup() {
  Serial.begin(115200);
  pinMode(2, INPUT_PULLUP);
  pinMode(13, OUTPUT);
  boots = readU32(0);
  if (boots == 0xFFFFFFFFUL) boots = 0;
  writeU32(0, ++boots);
  id = readU32(4);
  if (id == 0xFFFFFFFFUL) {
    id = noiseId();
    writeU32(4, id);
  }
  Serial.print(F("BOOT "));
  Serial.print(boots);
  Serial.print(' ');
  Serial.println(id, HEX);
}

static void handle() {
  line[len] = 0;
  if (strcmp(line, "A") == 0) {
    Serial.print(F("A0 "));
    Serial.println(analogRead(A0));
  } else if (strcmp(line, "M") == 0) {
    Serial.print(F("MS "));
    Serial.println(millis());
  } else if (strcmp(line, "R") == 0) {
    Serial.println(F("REBOOT"));
    Serial.flush();
    wdt_enable(WDTO_15MS);
    for (;;) {
    }
  } else {
    Serial.print(F("ECHO "));
    Serial.println(line);
  }
  len = 0;
}

void loop() {
  digitalWrite(13, digitalRead(2));
  while (Serial.available() > 0) {
    char c = (char)Serial.read();
    if (c == '\r') continue;
    if (c == '\n') {
      handle();
    } else if (len < sizeof(line) - 1) {
      line[len++] = c;
    }
  }
}
