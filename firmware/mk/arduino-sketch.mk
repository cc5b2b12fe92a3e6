# Builds one sketch for an Arduino Uno with arduino-mk (Debian packages arduino-mk,
# arduino-core-avr, gcc-avr, avr-libc). firmware/Makefile runs it from the sketch's folder:
#
#   $(MAKE) -C sketches/<name> -f ../../mk/arduino-sketch.mk TARGET=<name> OBJDIR=<build dir>
#
# Every output and intermediate file goes to OBJDIR.

FIRMWARE_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)

BOARD_TAG = uno
ARDUINO_DIR = /usr/share/arduino
ARDMK_DIR = /usr/share/arduino
AVR_TOOLS_DIR = /usr
ARDUINO_SKETCHBOOK = $(FIRMWARE_DIR)
USER_LIB_PATH = $(FIRMWARE_DIR)/libraries
ARDUINO_LIBS = GatewayLink EEPROM
MONITOR_PORT ?= /dev/ttyACM0

# Debian's gcc-avr 5.4 defines DECIMAL_DIG only for C99 C, and the core's WString.cpp needs it.
CPPFLAGS += -DDECIMAL_DIG=__DECIMAL_DIG__

include /usr/share/arduino/Arduino.mk
