#include "TextRef.h"

namespace gwlink {

size_t TextRef::length() const {
  size_t count = 0;
  while (at(count) != '\0') ++count;
  return count;
}

bool TextRef::equals(const char* other) const {
  size_t index = 0;
  for (;; ++index) {
    const char mine = at(index);
    if (mine != other[index]) return false;
    if (mine == '\0') return true;
  }
}

}  // namespace gwlink
