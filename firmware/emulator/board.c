#define _GNU_SOURCE
#include "board.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <avr_eeprom.h>
#include <avr_extint.h>
#include <avr_flash.h>
#include <sim_elf.h>
#include <sim_hex.h>

/* The UART's receive FIFO type is declared in avr_uart.h; this makes its accessors. */
DEFINE_FIFO(uint16_t, uart_fifo);

static const char *cause_name(enum reset_cause c)
{
  switch (c) {
  case RESET_POWER: return "power";
  case RESET_OPEN: return "open";
  case RESET_COMMAND: return "command";
  default: return "watchdog";
  }
}

/* ---- randomness for floating analog inputs ---- */

static uint64_t rng_next(struct board *b)
{
  /* xorshift64* */
  uint64_t x = b->rng;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  b->rng = x;
  return x * 0x2545F4914F6CDD1DULL;
}

static void rng_seed(struct board *b)
{
  uint64_t seed = 0;
  if (getrandom(&seed, sizeof seed, GRND_NONBLOCK) != (ssize_t)sizeof seed) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    seed = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^ ((uint64_t)getpid() << 40);
  }
  b->rng = seed ? seed : 0x9E3779B97F4A7C15ULL;
}

/* A floating input wanders and jitters by a few LSB from one conversion to the next. */
static int noise_sample(struct board *b, int ch)
{
  uint64_t r = rng_next(b);
  int v = b->noise_mv[ch];
  if ((r & 0x3f) == 0)
    v = (int)((r >> 8) % 5001);                 /* now and then a jump */
  else
    v += (int)((r >> 8) % 121) - 60;            /* +-60 mV, about +-12 LSB */
  if (v < 0)
    v = -v;
  if (v > 5000)
    v = 10000 - v;
  b->noise_mv[ch] = v;
  return v;
}

/* ---- pins ---- */

static struct board_port *port_of_pin(struct board *b, int pin, int *bit)
{
  for (int i = 0; i < 3; i++) {
    struct board_port *p = &b->port[i];
    if (p->io && pin >= p->first_pin && pin < p->first_pin + p->bits) {
      *bit = pin - p->first_pin;
      return p;
    }
  }
  return NULL;
}

static void port_outputs(struct board_port *p, uint8_t ddr)
{
  struct board *b = p->board;
  uint8_t out = b->avr->data[p->io->r_port];
  for (int bit = 0; bit < p->bits; bit++) {
    int pin = p->first_pin + bit;
    if (ddr & (1u << bit)) {
      int level = (out >> bit) & 1;
      if (b->dout[pin] != level) {
        b->dout[pin] = (int8_t)level;
        b->ops.dout(b->ops.ctx, pin, level);
      }
    } else {
      b->dout[pin] = -1;
    }
  }
}

/* PORTx was written (after the write): compare with what was reported. */
static void on_port_write(struct avr_irq_t *irq, uint32_t value, void *param)
{
  (void)irq;
  (void)value;
  struct board_port *p = param;
  port_outputs(p, p->board->avr->data[p->io->r_ddr]);
}

/* DDRx is being written: VALUE is the new direction (the register is not updated yet). */
static void on_ddr_write(struct avr_irq_t *irq, uint32_t value, void *param)
{
  (void)irq;
  port_outputs(param, (uint8_t)value);
}

/* Puts LEVEL on an input pin: the PIN register bit, and the pin's IRQ (pin change and
 * external interrupts listen to it). */
static void apply_pin(struct board_port *p, int bit, int level)
{
  avr_t *avr = p->board->avr;
  uint8_t mask = (uint8_t)(1u << bit);
  if (level)
    avr->data[p->io->r_pin] |= mask;
  else
    avr->data[p->io->r_pin] &= (uint8_t)~mask;
  avr_raise_irq(p->io->io.irq + IOPORT_IRQ_PIN0 + bit, (uint32_t)level);
}

int board_drive(struct board *b, int pin, int level)
{
  int bit;
  struct board_port *p = port_of_pin(b, pin, &bit);
  if (!p)
    return -1;
  int i = (int)(p - b->port);
  uint8_t mask = (uint8_t)(1u << bit);
  if (level < 0) {
    b->ext_mask[i] &= (uint8_t)~mask;
    b->ext_value[i] &= (uint8_t)~mask;
  } else {
    b->ext_mask[i] |= mask;
    b->ext_value[i] = (uint8_t)((b->ext_value[i] & ~mask) | (level ? mask : 0));
  }
  /* simavr re-raises input pins with their pull-up on every PORTx write; the
   * "external" setting makes it raise the driven level instead. */
  avr_ioport_external_t e = { .name = (unsigned long)p->io->name,
                              .mask = b->ext_mask[i], .value = b->ext_value[i] };
  if (avr_ioctl(b->avr, AVR_IOCTL_IOPORT_SET_EXTERNAL(p->io->name), &e) < 0)
    return -1;
  if (level < 0) {
    avr_t *avr = b->avr;
    uint8_t pullup = avr->data[p->io->r_port] & (uint8_t)~avr->data[p->io->r_ddr];
    level = (pullup & mask) ? 1 : 0;
  }
  apply_pin(p, bit, level);
  return 0;
}

/* After a reset every pin is an input without pull-up. simavr clears the PIN
 * registers but its pin IRQs keep their old levels, and it raises them only on a
 * change: a pull-up enabled again would then not reach PINx. Bring every pin IRQ
 * down to the reset state, or to the level the outside world drives. */
static void settle_pins(struct board *b)
{
  for (int i = 0; i < 3; i++) {
    if (!b->port[i].io)
      continue;
    for (int bit = 0; bit < 8; bit++) {
      bool driven = (b->ext_mask[i] >> bit) & 1;
      apply_pin(&b->port[i], bit, driven ? (b->ext_value[i] >> bit) & 1 : 0);
    }
  }
}

/* ---- analog ---- */

/* A conversion starts on the channel in VALUE (an avr_adc_mux_t): feed a floating
 * channel a fresh noise sample before the result is taken. */
static void on_adc_start(struct avr_irq_t *irq, uint32_t value, void *param)
{
  (void)irq;
  struct board *b = param;
  avr_adc_mux_t mux;
  memset(&mux, 0, sizeof mux);
  memcpy(&mux, &value, sizeof value);
  if (mux.kind != ADC_MUX_SINGLE || mux.src >= 8 || !b->adc_float[mux.src])
    return;
  avr_raise_irq(b->adc_irq + ADC_IRQ_ADC0 + mux.src, (uint32_t)noise_sample(b, (int)mux.src));
}

int board_set_adc(struct board *b, int ch, int mv)
{
  if (ch < 0 || ch >= BOARD_ADC_CHANNELS || mv < 0 || mv > 5000 || !b->adc_irq)
    return -1;
  b->adc_float[ch] = false;
  b->adc_mv[ch] = mv;
  avr_raise_irq(b->adc_irq + ADC_IRQ_ADC0 + ch, (uint32_t)mv);
  return 0;
}

int board_float_adc(struct board *b, int ch)
{
  if (ch < 0 || ch >= BOARD_ADC_CHANNELS || !b->adc_irq)
    return -1;
  b->adc_float[ch] = true;
  return 0;
}

/* ---- the serial wire, host to board ---- */

/* One character time at the UART's configured format, in CPU cycles. */
static avr_cycle_count_t char_cycles(struct board *b)
{
  static const int databits[8] = { 5, 6, 7, 8, 8, 8, 8, 9 };
  avr_t *avr = b->avr;
  avr_uart_t *u = b->uart;
  uint32_t ubrr = avr_regbit_get(avr, u->ubrrl) | ((uint32_t)avr_regbit_get(avr, u->ubrrh) << 8);
  uint32_t per_bit = (ubrr + 1) * (avr_regbit_get(avr, u->u2x) ? 8u : 16u);
  int data = databits[avr_regbit_get(avr, u->ucsz) | (avr_regbit_get(avr, u->ucsz2) << 2)];
  int parity = (u->r_ucsrc && ((avr->data[u->r_ucsrc] >> 4) & 3)) ? 1 : 0;   /* UPMn1:0 */
  int stop = 1 + avr_regbit_get(avr, u->usbs);
  return (avr_cycle_count_t)per_bit * (avr_cycle_count_t)(1 + data + parity + stop);
}

static uint8_t rx_pop(struct board *b)
{
  uint8_t c = b->rxq[b->rx_head];
  b->rx_head = (b->rx_head + 1) % BOARD_RXQ;
  b->rx_len--;
  return c;
}

/* Each character time, the next byte on the wire reaches the UART. A full receive
 * FIFO holds the line (nothing is lost); with the receiver off the byte is lost, as
 * on the chip. */
static avr_cycle_count_t rx_wire(struct avr_t *avr, avr_cycle_count_t when, void *param)
{
  struct board *b = param;
  if (b->rx_len == 0) {
    b->rx_armed = false;
    return 0;
  }
  if (!avr_regbit_get(avr, b->uart->rxen)) {
    rx_pop(b);
    b->rx_lost++;
  } else if (!uart_fifo_isfull(&b->uart->input)) {
    avr_raise_irq(b->uart_irq + UART_IRQ_INPUT, rx_pop(b));
  }
  return when + char_cycles(b);
}

static void rx_arm(struct board *b)
{
  if (b->rx_armed || b->rx_len == 0 || !b->uart)
    return;
  b->rx_armed = true;
  avr_cycle_timer_register(b->avr, char_cycles(b), rx_wire, b);
}

size_t board_rx_room(const struct board *b)
{
  return BOARD_RXQ - b->rx_len;
}

void board_rx_push(struct board *b, const uint8_t *buf, size_t len)
{
  for (size_t i = 0; i < len && b->rx_len < BOARD_RXQ; i++) {
    b->rxq[(b->rx_head + b->rx_len) % BOARD_RXQ] = buf[i];
    b->rx_len++;
  }
  rx_arm(b);
}

void board_rx_clear(struct board *b)
{
  b->rx_head = b->rx_len = 0;
}

static void on_uart_out(struct avr_irq_t *irq, uint32_t value, void *param)
{
  (void)irq;
  struct board *b = param;
  b->ops.tx(b->ops.ctx, (uint8_t)value);
}

/* simavr paces its UART at 11 bit times per character (it always counts a parity
 * bit); make both directions use the configured frame, e.g. 10 bit times for 8N1. */
static void fix_uart_timing(struct board *b)
{
  if (!b->uart)
    return;
  avr_cycle_count_t c = char_cycles(b);
  if (b->uart->cycles_per_byte != c)
    b->uart->cycles_per_byte = c;
}

/* ---- resets ---- */

/* Optiboot turns the watchdog off and clears MCUSR before it starts the sketch. A
 * board run without a bootloader does the same after a watchdog reset, or a sketch
 * that reboots through the watchdog would reset again every 16 ms. */
static void watchdog_off(struct board *b)
{
  avr_t *avr = b->avr;
  avr_watchdog_t *w = b->watchdog;
  if (!w)
    return;
  avr_regbit_clear(avr, avr->reset_flags.porf);
  avr_regbit_clear(avr, avr->reset_flags.extrf);
  avr_regbit_clear(avr, avr->reset_flags.borf);
  avr_regbit_clear(avr, avr->reset_flags.wdrf);
  uint16_t reg = w->wde.reg;
  int io = AVR_DATA_TO_IO(reg);
  if (!avr->io[io].w.c)
    return;
  uint8_t change = (uint8_t)((1u << w->wdce.bit) | (1u << w->wde.bit));
  avr->io[io].w.c(avr, reg, change, avr->io[io].w.param);
  avr->io[io].w.c(avr, reg, 0, avr->io[io].w.param);
}

/* simavr re-arms, at every reset, a poll of INT0/INT1 on every single cycle while
 * their pin is low in "low level" mode (the reset default, whether or not the
 * interrupt is enabled): a button held down, or a floating pin, would cost several
 * times the CPU of the whole simulation. A low-level interrupt then fires once per
 * falling edge instead. */
static void relax_level_interrupts(avr_t *avr)
{
  for (uint8_t i = 0; i < EXTINT_COUNT; i++)
    if (avr_extint_is_strict_lvl_trig(avr, i) > 0)
      avr_extint_set_strict_lvl_trig(avr, i, 0);
}

static void after_reset(struct board *b)
{
  avr_t *avr = b->avr;
  enum reset_cause cause = b->pending != RESET_NONE ? b->pending : RESET_WATCHDOG;
  b->pending = RESET_NONE;
  b->reset_seen = false;
  b->halted = false;

  /* simavr clears MCUSR on reset; Optiboot needs EXTRF to stay in the bootloader. */
  switch (cause) {
  case RESET_POWER:
    avr_regbit_set(avr, avr->reset_flags.porf);
    break;
  case RESET_OPEN:
  case RESET_COMMAND:
    avr_regbit_set(avr, avr->reset_flags.extrf);
    break;
  default:
    if (!b->bootloader)
      watchdog_off(b);
    break;
  }
  if (b->rx_lost) {
    fprintf(stderr, "avr-board: %llu byte(s) reached the UART while its receiver was off\n",
            (unsigned long long)b->rx_lost);
    b->rx_lost = 0;
  }
  relax_level_interrupts(avr);
  for (int pin = 0; pin < BOARD_PINS; pin++)
    b->dout[pin] = -1;
  settle_pins(b);
  fix_uart_timing(b);
  b->rx_armed = false;   /* the reset dropped every cycle timer */
  rx_arm(b);
  b->ops.reset(b->ops.ctx, cause_name(cause));
}

void board_reset(struct board *b, enum reset_cause cause)
{
  b->pending = cause;
  avr_reset(b->avr);
  after_reset(b);
}

static void hook_reset(avr_io_t *io)
{
  struct board *b = (struct board *)io;
  b->reset_seen = true;
}

static int hook_ioctl(avr_io_t *io, uint32_t ctl, void *param)
{
  (void)param;
  if (ctl == AVR_IOCTL_FLASH_SPM)
    ((struct board *)io)->flash_written = true;
  return -1;   /* let the flash module do the work */
}

/* ---- running ---- */

static void no_sleep(avr_t *avr, avr_cycle_count_t how_long)
{
  /* The run loop keeps pace with the wall clock itself. */
  (void)avr;
  (void)how_long;
}

void board_run(struct board *b, avr_cycle_count_t end)
{
  avr_t *avr = b->avr;
  fix_uart_timing(b);
  while (!b->halted && avr->cycle < end) {
    int state = avr_run(avr);
    if (b->reset_seen)
      after_reset(b);
    else if (state == cpu_Done || state == cpu_Crashed || state == cpu_Stopped) {
      b->halted = true;
      b->ops.halt(b->ops.ctx, state == cpu_Done ? "sleep with interrupts off" : "crashed");
    }
  }
}

/* ---- setup ---- */

static avr_io_t *find_io(avr_t *avr, const char *kind, char name)
{
  for (avr_io_t *io = avr->io_port; io; io = io->next) {
    if (strcmp(io->kind, kind) != 0)
      continue;
    if (!strcmp(kind, "port") && ((avr_ioport_t *)io)->name != name)
      continue;
    if (!strcmp(kind, "uart") && ((avr_uart_t *)io)->name != name)
      continue;
    return io;
  }
  return NULL;
}

static void hook_port(struct board *b, int i, char name, int first_pin, int bits)
{
  struct board_port *p = &b->port[i];
  p->board = b;
  p->io = (avr_ioport_t *)find_io(b->avr, "port", name);
  p->first_pin = first_pin;
  p->bits = bits;
  if (!p->io)
    return;
  avr_irq_t *reg = p->io->io.irq + IOPORT_IRQ_REG_PORT;
  avr_irq_t *dir = p->io->io.irq + IOPORT_IRQ_DIRECTION_ALL;
  /* Unfiltered: a register value that repeats across a reset must still be seen. */
  avr_irq_set_flags(reg, avr_irq_get_flags(reg) & (uint8_t)~IRQ_FLAG_FILTERED);
  avr_irq_set_flags(dir, avr_irq_get_flags(dir) & (uint8_t)~IRQ_FLAG_FILTERED);
  avr_irq_register_notify(reg, on_port_write, p);
  avr_irq_register_notify(dir, on_ddr_write, p);
}

int board_init(struct board *b, const char *mcu, uint32_t freq, const struct board_ops *ops)
{
  memset(b, 0, sizeof *b);
  b->ops = *ops;
  for (int pin = 0; pin < BOARD_PINS; pin++)
    b->dout[pin] = -1;
  rng_seed(b);
  for (int ch = 0; ch < 8; ch++) {
    b->adc_float[ch] = true;
    b->noise_mv[ch] = (int)(rng_next(b) % 5001);
  }

  b->avr = avr_make_mcu_by_name(mcu);
  if (!b->avr) {
    fprintf(stderr, "avr-board: unknown MCU '%s'\n", mcu);
    return -1;
  }
  if (avr_init(b->avr) != 0) {
    fprintf(stderr, "avr-board: cannot initialise %s\n", mcu);
    return -1;
  }
  avr_t *avr = b->avr;
  avr->frequency = freq;
  avr->vcc = avr->avcc = avr->aref = 5000;   /* Uno: 5 V supply, AREF on 5 V */
  avr->sleep = no_sleep;

  b->hook.kind = "avr-board";
  b->hook.reset = hook_reset;
  b->hook.ioctl = hook_ioctl;
  avr_register_io(avr, &b->hook);

  b->uart = (avr_uart_t *)find_io(avr, "uart", '0');
  if (b->uart) {
    uint32_t flags = 0;
    if (avr_ioctl(avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags) == 0) {
      flags &= ~(uint32_t)(AVR_UART_FLAG_POLL_SLEEP | AVR_UART_FLAG_STDIO);
      avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
    }
    b->uart_irq = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), 0);
    avr_irq_register_notify(b->uart_irq + UART_IRQ_OUTPUT, on_uart_out, b);
  } else {
    fprintf(stderr, "avr-board: %s has no UART0\n", mcu);
    return -1;
  }

  b->adc_irq = avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, 0);
  if (b->adc_irq)
    avr_irq_register_notify(b->adc_irq + ADC_IRQ_OUT_TRIGGER, on_adc_start, b);
  b->watchdog = (avr_watchdog_t *)find_io(avr, "watchdog", 0);

  hook_port(b, 0, 'D', 0, 8);
  hook_port(b, 1, 'B', 8, 6);
  hook_port(b, 2, 'C', 14, 6);
  return 0;
}

void board_free(struct board *b)
{
  if (b->avr) {
    avr_terminate(b->avr);
    free(b->avr);
    b->avr = NULL;
  }
}

/* ---- firmware ---- */

static int is_elf(const char *path)
{
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    fprintf(stderr, "avr-board: %s: %s\n", path, strerror(errno));
    return -1;
  }
  unsigned char magic[4];
  ssize_t n = read(fd, magic, sizeof magic);
  close(fd);
  return n == 4 && memcmp(magic, "\177ELF", 4) == 0;
}

/* Loads an Intel hex into flash; *LOWEST receives its first address. */
static int load_hex(struct board *b, const char *path, uint32_t *lowest)
{
  avr_t *avr = b->avr;
  ihex_chunk_p chunks = NULL;
  int n = read_ihex_chunks(path, &chunks);
  if (n <= 0) {
    fprintf(stderr, "avr-board: %s: no data in Intel hex file\n", path);
    free_ihex_chunks(chunks);
    return -1;
  }
  uint32_t low = UINT32_MAX;
  for (int i = 0; i < n; i++) {
    if ((uint64_t)chunks[i].baseaddr + chunks[i].size > (uint64_t)avr->flashend + 1) {
      fprintf(stderr, "avr-board: %s: data at 0x%x-0x%x lies outside the %u-byte flash\n",
              path, chunks[i].baseaddr, chunks[i].baseaddr + chunks[i].size,
              avr->flashend + 1);
      free_ihex_chunks(chunks);
      return -1;
    }
  }
  for (int i = 0; i < n; i++) {
    avr_loadcode(avr, chunks[i].data, chunks[i].size, chunks[i].baseaddr);
    if (chunks[i].baseaddr < low)
      low = chunks[i].baseaddr;
  }
  free_ihex_chunks(chunks);
  *lowest = low;
  return 0;
}

int board_load_firmware(struct board *b, const char *path)
{
  avr_t *avr = b->avr;
  int elf = is_elf(path);
  if (elf < 0)
    return -1;
  if (!elf) {
    uint32_t low;
    return load_hex(b, path, &low);
  }
  elf_firmware_t fw;
  memset(&fw, 0, sizeof fw);
  if (elf_read_firmware(path, &fw) != 0) {
    fprintf(stderr, "avr-board: %s: cannot read ELF firmware\n", path);
    return -1;
  }
  if ((uint64_t)fw.flashbase + fw.flashsize > (uint64_t)avr->flashend + 1) {
    fprintf(stderr, "avr-board: %s: %u bytes do not fit the %u-byte flash\n", path,
            fw.flashsize, avr->flashend + 1);
    free(fw.flash);
    free(fw.eeprom);
    return -1;
  }
  if (fw.mmcu[0] && strcmp(fw.mmcu, avr->mmcu) != 0)
    fprintf(stderr, "avr-board: %s was built for %s, running it on %s\n", path, fw.mmcu,
            avr->mmcu);
  uint32_t freq = avr->frequency;
  avr_load_firmware(avr, &fw);
  /* The board decides clock and supply, whatever the ELF's .mmcu section says. */
  avr->frequency = freq;
  avr->vcc = avr->avcc = avr->aref = 5000;
  free(fw.flash);
  free(fw.eeprom);
  return 0;
}

int board_load_bootloader(struct board *b, const char *path)
{
  uint32_t low;
  if (load_hex(b, path, &low) != 0)
    return -1;
  /* Stands in for the BOOTRST fuse, which simavr ignores. */
  b->avr->reset_pc = low;
  b->bootloader = true;
  return 0;
}

uint8_t *board_flash(struct board *b, size_t *size)
{
  *size = (size_t)b->avr->flashend + 1;
  return b->avr->flash;
}

uint8_t *board_eeprom(struct board *b, size_t *size)
{
  /* With .ee NULL the EEPROM module hands out its own buffer (its ioctl reports -1
   * even when it answered, so the pointer is what tells). */
  avr_eeprom_desc_t d = { .ee = NULL, .offset = 0, .size = 0 };
  avr_ioctl(b->avr, AVR_IOCTL_EEPROM_GET, &d);
  if (!d.ee) {
    *size = 0;
    return NULL;
  }
  *size = (size_t)b->avr->e2end + 1;
  return d.ee;
}
