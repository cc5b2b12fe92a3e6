/* An Arduino Uno on libsimavr: firmware loading, resets, pins, ADC and the UART wire. */
#ifndef AVR_BOARD_BOARD_H
#define AVR_BOARD_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <avr_adc.h>
#include <avr_ioport.h>
#include <avr_uart.h>
#include <avr_watchdog.h>
#include <sim_avr.h>

#define BOARD_PINS 20          /* D0-D13, A0-A5 as 14-19 */
#define BOARD_ADC_CHANNELS 6   /* A0-A5 */
#define BOARD_RXQ 4096         /* host bytes waiting for the wire */

enum reset_cause { RESET_NONE, RESET_POWER, RESET_OPEN, RESET_COMMAND, RESET_WATCHDOG };

struct board_ops {
  void *ctx;
  void (*tx)(void *ctx, uint8_t byte);              /* the sketch sent a byte */
  void (*dout)(void *ctx, int pin, int level);      /* an output pin changed */
  void (*reset)(void *ctx, const char *cause);      /* the MCU was reset */
  void (*halt)(void *ctx, const char *why);         /* the CPU stopped for good */
};

struct board;

struct board_port {
  struct board *board;
  avr_ioport_t *io;
  int first_pin;   /* Arduino pin of bit 0 */
  int bits;        /* bits wired to Arduino pins */
};

struct board {
  avr_io_t hook;                 /* our IO module: reset and SPM notices (keep first) */
  avr_t *avr;
  struct board_ops ops;
  avr_uart_t *uart;
  avr_irq_t *uart_irq;
  avr_irq_t *adc_irq;
  avr_watchdog_t *watchdog;
  struct board_port port[3];     /* D (D0-D7), B (D8-D13), C (A0-A5) */
  bool bootloader;
  enum reset_cause pending;      /* cause of the reset the runner is doing */
  bool reset_seen;
  bool flash_written;            /* an SPM instruction ran since the last check */
  bool halted;

  int adc_mv[8];
  bool adc_float[8];
  int noise_mv[8];
  uint64_t rng;

  int8_t dout[BOARD_PINS];       /* last reported level, -1 while not an output */
  uint8_t ext_mask[3], ext_value[3];

  uint8_t rxq[BOARD_RXQ];
  size_t rx_head, rx_len;
  bool rx_armed;
  uint64_t rx_lost;
};

/* Makes the MCU. Returns 0, or -1 (message on stderr). */
int board_init(struct board *b, const char *mcu, uint32_t freq, const struct board_ops *ops);
void board_free(struct board *b);

/* Loads an .elf or Intel .hex into flash. */
int board_load_firmware(struct board *b, const char *path);
/* Loads a bootloader .hex; the reset vector then points at its first address. */
int board_load_bootloader(struct board *b, const char *path);

uint8_t *board_flash(struct board *b, size_t *size);
uint8_t *board_eeprom(struct board *b, size_t *size);

/* Analog input CH: a voltage, or floating (reads noise). */
int board_set_adc(struct board *b, int ch, int mv);
int board_float_adc(struct board *b, int ch);

/* Drives digital pin PIN from outside: level 0 or 1, or -1 to let go of it. */
int board_drive(struct board *b, int pin, int level);

/* Resets the MCU now, for CAUSE (RESET_POWER, RESET_OPEN or RESET_COMMAND). */
void board_reset(struct board *b, enum reset_cause cause);

/* Runs until the cycle counter reaches END (or the CPU halts). */
void board_run(struct board *b, avr_cycle_count_t end);

/* Host side of the serial wire. */
size_t board_rx_room(const struct board *b);
void board_rx_push(struct board *b, const uint8_t *buf, size_t len);
void board_rx_clear(struct board *b);

#endif
