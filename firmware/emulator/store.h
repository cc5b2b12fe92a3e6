/* Whole-file images kept on disk: EEPROM and flash contents of a board. */
#ifndef AVR_BOARD_STORE_H
#define AVR_BOARD_STORE_H

#include <stddef.h>
#include <stdint.h>

/* Reads PATH into BUF (SIZE bytes). Returns 1 when loaded, 0 when the file does not
 * exist or is empty (BUF untouched), -1 on error (message on stderr). A file of
 * another non-zero size is an error. */
int store_load(const char *path, uint8_t *buf, size_t size);

/* Replaces PATH with BUF atomically: writes a temporary file beside it, fsyncs it,
 * renames it over PATH and fsyncs the directory. Returns 0, or -1 (message on stderr). */
int store_save(const char *path, const uint8_t *buf, size_t size);

#endif
