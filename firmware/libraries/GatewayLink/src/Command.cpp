#include "Command.h"

#include <string.h>

#include "FieldSyntax.h"

namespace gwlink {
namespace {

// Splits `fields` (verb and arguments joined by ',') into the command. False when a field is
// empty or holds a byte that a field cannot hold.
bool splitFields(char* fields, Command* command) {
  bool isVerb = true;
  for (char* field = fields;;) {
    char* end = field;
    while (*end != '\0' && *end != ',') {
      if (!isFieldByte(static_cast<uint8_t>(*end))) return false;
      ++end;
    }
    if (end == field) return false;
    const bool isLast = *end == '\0';
    *end = '\0';
    if (isVerb) {
      command->verbText = field;
      isVerb = false;
    } else {
      if (command->argCount < kMaxCommandArgs) command->args[command->argCount] = field;
      if (command->argCount < 255) ++command->argCount;
    }
    if (isLast) return true;
    field = end + 1;
  }
}

}  // namespace

const char* Command::arg(uint8_t index) const {
  return index < argCount && index < kMaxCommandArgs ? args[index] : nullptr;
}

bool Command::argAsUnsigned(uint8_t index, uint32_t* value) const {
  const char* text = arg(index);
  return text != nullptr && parseUnsigned(text, value);
}

CommandParse parseCommand(char* payload, Command* command) {
  memset(command, 0, sizeof(*command));
  command->verbText = "";
  if (payload[0] != 'C' || (payload[1] != ',' && payload[1] != '\0')) {
    return CommandParse::NotCommand;
  }
  if (payload[1] == '\0') return CommandParse::NoId;

  char* idText = payload + 2;
  char* rest = strchr(idText, ',');
  if (rest != nullptr) *rest++ = '\0';
  uint32_t id = 0;
  if (!parseUnsigned(idText, &id) || id == 0 || id > 65535UL) return CommandParse::NoId;
  command->id = static_cast<uint16_t>(id);

  if (rest == nullptr || !splitFields(rest, command) || !isValidName(command->verbText)) {
    return CommandParse::Malformed;
  }
  command->verb = verbFromText(command->verbText);
  return CommandParse::Ok;
}

Verb verbFromText(const char* text) {
  if (strcmp_P(text, PSTR("interval")) == 0) return Verb::Interval;
  if (strcmp_P(text, PSTR("out")) == 0) return Verb::Out;
  if (strcmp_P(text, PSTR("identify")) == 0) return Verb::Identify;
  if (strcmp_P(text, PSTR("info")) == 0) return Verb::Info;
  if (strcmp_P(text, PSTR("reboot")) == 0) return Verb::Reboot;
  if (strcmp_P(text, PSTR("read")) == 0) return Verb::Read;
  if (strcmp_P(text, PSTR("resend")) == 0) return Verb::Resend;
  return Verb::Unknown;
}

}  // namespace gwlink
