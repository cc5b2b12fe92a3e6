/* avr-board: an emulated Arduino Uno whose USB serial port is a pseudo-terminal.
 * See README.md for the command line and the stdin/stdout protocol. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "board.h"
#include "serial.h"
#include "store.h"

#define NS_PER_SEC 1000000000ULL
#define PERSIST_EVERY_NS (100ULL * 1000 * 1000)   /* EEPROM/flash to disk at most this often */
#define BEHIND_LIMIT_NS NS_PER_SEC                 /* further behind than this: stop catching up */
#define LATE_NOTICE_NS (20ULL * 1000 * 1000)      /* --verbose reports lags beyond this */
#define HALTED_POLL_NS (10ULL * 1000 * 1000)
#define MAX_ANALOG_ARGS 32

struct analog_arg {
  int ch;
  int mv;   /* -1: floating */
};

struct options {
  const char *firmware;
  const char *mcu;
  uint32_t freq;
  const char *link;
  const char *eeprom;
  const char *bootloader;
  const char *flash;
  bool reset_on_open;
  double speed;
  bool verbose;
  struct analog_arg analog[MAX_ANALOG_ARGS];
  int analog_count;
};

struct runner {
  struct board board;
  struct serial serial;
  struct options opt;
  FILE *out;               /* the line protocol (the original stdout) */
  bool quit;
  bool stdin_open;
  char cmd[256];
  size_t cmd_len;
  bool cmd_overlong;

  uint8_t *ee_saved;
  size_t ee_size;
  bool ee_on_disk;
  uint8_t *flash_saved;
  size_t flash_size;
  bool flash_on_disk;
  uint64_t next_persist_ns;
};

static volatile sig_atomic_t g_signal;
static int g_log_level = LOG_ERROR;

static void on_signal(int sig)
{
  g_signal = sig;
}

static uint64_t now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* libsimavr's messages go to stderr: stdout carries the protocol only. */
static void avr_logger(avr_t *avr, const int level, const char *format, va_list ap)
{
  (void)avr;
  if (level <= g_log_level)
    vfprintf(stderr, format, ap);
}

/* One protocol line, flushed at once. A controller that stopped reading ends us. */
static void say(struct runner *r, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void say(struct runner *r, const char *format, ...)
{
  va_list ap;
  va_start(ap, format);
  int rc = vfprintf(r->out, format, ap);
  va_end(ap);
  if (rc < 0 || fputc('\n', r->out) == EOF || fflush(r->out) != 0) {
    if (!r->quit)
      fprintf(stderr, "avr-board: stdout: %s\n", strerror(errno));
    r->quit = true;
  }
}

/* ---- events from the board and the port ---- */

static void ev_tx(void *ctx, uint8_t byte)
{
  struct runner *r = ctx;
  serial_put(&r->serial, byte);
}

static void ev_dout(void *ctx, int pin, int level)
{
  say(ctx, "dout %d %d", pin, level);
}

static void ev_reset(void *ctx, const char *cause)
{
  say(ctx, "reset %s", cause);
}

static void ev_halt(void *ctx, const char *why)
{
  say(ctx, "halt %s", why);
}

static void ev_opened(void *ctx)
{
  struct runner *r = ctx;
  say(r, "open");
  board_rx_clear(&r->board);
  if (r->opt.reset_on_open)
    board_reset(&r->board, RESET_OPEN);
}

static void ev_closed(void *ctx)
{
  say(ctx, "close");
}

static size_t ev_rx_room(void *ctx)
{
  struct runner *r = ctx;
  return board_rx_room(&r->board);
}

static void ev_rx(void *ctx, const uint8_t *buf, size_t len)
{
  struct runner *r = ctx;
  board_rx_push(&r->board, buf, len);
}

/* ---- EEPROM and flash on disk ---- */

static void persist(struct runner *r, bool final)
{
  if (r->opt.eeprom && r->ee_saved) {
    size_t size;
    uint8_t *ee = board_eeprom(&r->board, &size);
    if (ee && (memcmp(ee, r->ee_saved, size) != 0 || (final && !r->ee_on_disk)) &&
        store_save(r->opt.eeprom, ee, size) == 0) {
      memcpy(r->ee_saved, ee, size);
      r->ee_on_disk = true;
    }
  }
  if (r->opt.flash && r->flash_saved && (r->board.flash_written || final)) {
    r->board.flash_written = false;
    size_t size;
    uint8_t *flash = board_flash(&r->board, &size);
    if ((memcmp(flash, r->flash_saved, size) != 0 || (final && !r->flash_on_disk)) &&
        store_save(r->opt.flash, flash, size) == 0) {
      memcpy(r->flash_saved, flash, size);
      r->flash_on_disk = true;
    }
  }
}

/* ---- stdin commands ---- */

static bool parse_int(const char *s, long lo, long hi, long *v)
{
  if (!s || !*s)
    return false;
  char *end;
  errno = 0;
  long x = strtol(s, &end, 10);
  if (errno || *end || x < lo || x > hi)
    return false;
  *v = x;
  return true;
}

static void command(struct runner *r, char *line)
{
  char *save = NULL;
  char *tok[4] = { 0 };
  int n = 0;
  for (char *t = strtok_r(line, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
    if (n == 4) {
      say(r, "error too many arguments");
      return;
    }
    tok[n++] = t;
  }
  if (n == 0)
    return;
  long a, v;
  if (!strcmp(tok[0], "adc")) {
    if (n != 3 || !parse_int(tok[1], 0, BOARD_ADC_CHANNELS - 1, &a)) {
      say(r, "error usage: adc <0-%d> <0-5000|noise>", BOARD_ADC_CHANNELS - 1);
    } else if (!strcmp(tok[2], "noise")) {
      if (board_float_adc(&r->board, (int)a) == 0)
        say(r, "ok adc %ld noise", a);
      else
        say(r, "error no ADC");
    } else if (!parse_int(tok[2], 0, 5000, &v)) {
      say(r, "error adc: millivolts must be 0-5000 or noise");
    } else if (board_set_adc(&r->board, (int)a, (int)v) == 0) {
      say(r, "ok adc %ld %ld", a, v);
    } else {
      say(r, "error no ADC");
    }
  } else if (!strcmp(tok[0], "din")) {
    int level = -2;
    if (n == 3 && !strcmp(tok[2], "0"))
      level = 0;
    else if (n == 3 && !strcmp(tok[2], "1"))
      level = 1;
    else if (n == 3 && !strcmp(tok[2], "z"))
      level = -1;
    if (level == -2 || !parse_int(tok[1], 0, BOARD_PINS - 1, &a))
      say(r, "error usage: din <0-%d> <0|1|z>", BOARD_PINS - 1);
    else if (board_drive(&r->board, (int)a, level) != 0)
      say(r, "error din: pin %ld cannot be driven", a);
    else
      say(r, "ok din %ld %s", a, tok[2]);
  } else if (!strcmp(tok[0], "reset") && n == 1) {
    board_reset(&r->board, RESET_COMMAND);
    say(r, "ok reset");
  } else if (!strcmp(tok[0], "quit") && n == 1) {
    say(r, "ok quit");
    r->quit = true;
  } else {
    say(r, "error unknown command: %s", tok[0]);
  }
}

static void read_stdin(struct runner *r)
{
  char buf[4096];
  ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return;
  if (n <= 0) {   /* EOF, or no usable stdin: our controller is gone */
    r->stdin_open = false;
    r->quit = true;
    return;
  }
  for (ssize_t i = 0; i < n && !r->quit; i++) {
    char c = buf[i];
    if (c == '\n') {
      if (r->cmd_overlong) {
        say(r, "error line too long");
      } else {
        r->cmd[r->cmd_len] = 0;
        command(r, r->cmd);
      }
      r->cmd_len = 0;
      r->cmd_overlong = false;
    } else if (r->cmd_len < sizeof r->cmd - 1) {
      r->cmd[r->cmd_len++] = c;
    } else {
      r->cmd_overlong = true;
    }
  }
}

/* ---- the loop ---- */

/* Waits up to TIMEOUT_NS for stdin or the port, then serves both. Returns the number
 * of ready descriptors (0: the time ran out). */
static int io_wait(struct runner *r, uint64_t timeout_ns)
{
  enum { IN, NOTIFY, MASTER };
  struct pollfd p[3] = { { .fd = -1 }, { .fd = -1 }, { .fd = -1 } };
  if (r->stdin_open)
    p[IN] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
  serial_wait_fds(&r->serial, board_rx_room(&r->board) > 0, &p[NOTIFY], &p[MASTER]);
  struct timespec ts = { .tv_sec = (time_t)(timeout_ns / NS_PER_SEC),
                         .tv_nsec = (long)(timeout_ns % NS_PER_SEC) };
  int rc = ppoll(p, 3, &ts, NULL);   /* entries with fd -1 are ignored */
  if (rc < 0) {
    if (errno != EINTR) {
      fprintf(stderr, "avr-board: ppoll: %s\n", strerror(errno));
      r->quit = true;
    }
    return 1;
  }
  if (p[IN].revents)
    read_stdin(r);
  serial_service(&r->serial, p[NOTIFY].revents != 0, p[MASTER].revents);
  serial_flush(&r->serial);
  return rc;
}

static void run(struct runner *r)
{
  avr_t *avr = r->board.avr;
  const avr_cycle_count_t slice = avr->frequency / 1000;   /* 1 ms of simulated time */
  const double ns_per_cycle = r->opt.speed > 0 ? 1e9 / ((double)avr->frequency * r->opt.speed) : 0;
  uint64_t base_ns = now_ns();
  avr_cycle_count_t base_cycle = avr->cycle;
  bool late = false;
  r->next_persist_ns = base_ns + PERSIST_EVERY_NS;

  while (!r->quit && !g_signal) {
    uint64_t now = now_ns();
    if (now >= r->next_persist_ns) {
      persist(r, false);
      r->next_persist_ns = now + PERSIST_EVERY_NS;
    }
    if (r->board.halted) {
      io_wait(r, HALTED_POLL_NS);
      base_ns = now_ns();
      base_cycle = avr->cycle;
      continue;
    }
    uint64_t due = now;
    if (ns_per_cycle > 0)
      due = base_ns + (uint64_t)((double)(avr->cycle - base_cycle) * ns_per_cycle);
    if (due > now) {
      /* Ahead of the wall clock: sleep, unless stdin or the port wants us earlier. */
      late = false;
      if (io_wait(r, due - now) != 0)
        continue;
    } else {
      uint64_t behind = now - due;
      if (behind > LATE_NOTICE_NS && r->opt.verbose && !late)
        fprintf(stderr, "avr-board: %.1f ms behind the wall clock\n", (double)behind / 1e6);
      late = behind > LATE_NOTICE_NS;
      if (behind > BEHIND_LIMIT_NS) {   /* e.g. the process was stopped */
        base_ns = now;
        base_cycle = avr->cycle;
      }
      io_wait(r, 0);
    }
    if (r->quit || g_signal)
      break;
    board_run(&r->board, avr->cycle + slice);
    serial_flush(&r->serial);
  }
}

/* ---- command line ---- */

static void usage(FILE *f)
{
  fputs("usage: avr-board --firmware FILE(.elf|.hex) [--mcu atmega328p] [--freq 16000000]\n"
        "                 [--link PATH] [--eeprom FILE] [--adc CH=MV]... [--noise CH]...\n"
        "                 [--no-reset-on-open] [--bootloader FILE.hex [--flash FILE]]\n"
        "                 [--speed F] [--verbose]\n"
        "--firmware may be left out with --bootloader (a board with an empty application).\n"
        "See README.md for the stdin/stdout protocol.\n", f);
}

static int parse_options(int argc, char **argv, struct options *o)
{
  enum { O_FIRMWARE = 256, O_MCU, O_FREQ, O_LINK, O_EEPROM, O_ADC, O_NOISE, O_NORESET,
         O_BOOT, O_FLASH, O_SPEED, O_VERBOSE, O_HELP };
  static const struct option longopts[] = {
    { "firmware", required_argument, NULL, O_FIRMWARE },
    { "mcu", required_argument, NULL, O_MCU },
    { "freq", required_argument, NULL, O_FREQ },
    { "link", required_argument, NULL, O_LINK },
    { "eeprom", required_argument, NULL, O_EEPROM },
    { "adc", required_argument, NULL, O_ADC },
    { "noise", required_argument, NULL, O_NOISE },
    { "no-reset-on-open", no_argument, NULL, O_NORESET },
    { "bootloader", required_argument, NULL, O_BOOT },
    { "flash", required_argument, NULL, O_FLASH },
    { "speed", required_argument, NULL, O_SPEED },
    { "verbose", no_argument, NULL, O_VERBOSE },
    { "help", no_argument, NULL, O_HELP },
    { NULL, 0, NULL, 0 },
  };
  memset(o, 0, sizeof *o);
  o->mcu = "atmega328p";
  o->freq = 16000000;
  o->reset_on_open = true;
  o->speed = 1.0;

  int c;
  long v;
  while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
    switch (c) {
    case O_FIRMWARE: o->firmware = optarg; break;
    case O_MCU: o->mcu = optarg; break;
    case O_FREQ:
      if (!parse_int(optarg, 1000, 100000000, &v)) {
        fprintf(stderr, "avr-board: --freq: expected a frequency in Hz\n");
        return -1;
      }
      o->freq = (uint32_t)v;
      break;
    case O_LINK: o->link = optarg; break;
    case O_EEPROM: o->eeprom = optarg; break;
    case O_ADC:
    case O_NOISE: {
      if (o->analog_count == MAX_ANALOG_ARGS) {
        fprintf(stderr, "avr-board: too many --adc/--noise options\n");
        return -1;
      }
      struct analog_arg *a = &o->analog[o->analog_count++];
      char buf[64];
      snprintf(buf, sizeof buf, "%s", optarg);
      char *eq = strchr(buf, '=');
      if (c == O_ADC && eq)
        *eq = 0;
      if (!parse_int(buf, 0, BOARD_ADC_CHANNELS - 1, &v)) {
        fprintf(stderr, "avr-board: --%s %s: channel must be 0-%d\n",
                c == O_ADC ? "adc" : "noise", optarg, BOARD_ADC_CHANNELS - 1);
        return -1;
      }
      a->ch = (int)v;
      a->mv = -1;
      if (c == O_ADC) {
        if (!eq || !parse_int(eq + 1, 0, 5000, &v)) {
          fprintf(stderr, "avr-board: --adc %s: expected CH=MV with MV 0-5000\n", optarg);
          return -1;
        }
        a->mv = (int)v;
      }
      break;
    }
    case O_NORESET: o->reset_on_open = false; break;
    case O_BOOT: o->bootloader = optarg; break;
    case O_FLASH: o->flash = optarg; break;
    case O_SPEED: {
      char *end;
      errno = 0;
      o->speed = strtod(optarg, &end);
      if (errno || *end || !isfinite(o->speed) || o->speed < 0 || o->speed > 1000) {
        fprintf(stderr, "avr-board: --speed: expected a number, 0 (unpaced) to 1000\n");
        return -1;
      }
      break;
    }
    case O_VERBOSE: o->verbose = true; break;
    case O_HELP: usage(stdout); exit(0);
    default: return -1;
    }
  }
  if (optind < argc) {
    fprintf(stderr, "avr-board: unexpected argument '%s'\n", argv[optind]);
    return -1;
  }
  if (!o->firmware && !o->bootloader) {
    fprintf(stderr, "avr-board: --firmware is required (or --bootloader)\n");
    return -1;
  }
  if (o->flash && !o->bootloader) {
    fprintf(stderr, "avr-board: --flash needs --bootloader\n");
    return -1;
  }
  return 0;
}

/* ---- setup ---- */

static int load_memories(struct runner *r)
{
  struct board *b = &r->board;
  const struct options *o = &r->opt;
  bool flashed = false;

  r->flash_size = 0;
  if (o->flash) {
    uint8_t *flash = board_flash(b, &r->flash_size);
    int rc = store_load(o->flash, flash, r->flash_size);
    if (rc < 0)
      return -1;
    flashed = rc == 1;
    r->flash_on_disk = flashed;
  }
  if (!flashed && o->firmware && board_load_firmware(b, o->firmware) != 0)
    return -1;
  if (o->bootloader && board_load_bootloader(b, o->bootloader) != 0)
    return -1;
  if (o->flash) {
    r->flash_saved = malloc(r->flash_size);
    if (!r->flash_saved)
      return -1;
    memcpy(r->flash_saved, board_flash(b, &r->flash_size), r->flash_size);
  }

  if (o->eeprom) {
    uint8_t *ee = board_eeprom(b, &r->ee_size);
    if (!ee) {
      fprintf(stderr, "avr-board: %s has no EEPROM\n", o->mcu);
      return -1;
    }
    int rc = store_load(o->eeprom, ee, r->ee_size);
    if (rc < 0)
      return -1;
    r->ee_on_disk = rc == 1;
    r->ee_saved = malloc(r->ee_size);
    if (!r->ee_saved)
      return -1;
    memcpy(r->ee_saved, ee, r->ee_size);
  }

  for (int i = 0; i < o->analog_count; i++) {
    const struct analog_arg *a = &o->analog[i];
    int rc = a->mv < 0 ? board_float_adc(b, a->ch) : board_set_adc(b, a->ch, a->mv);
    if (rc != 0) {
      fprintf(stderr, "avr-board: %s has no ADC channel %d\n", o->mcu, a->ch);
      return -1;
    }
  }
  return 0;
}

static void install_signals(void)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, NULL);
}

static struct runner g_runner;   /* large (buffers): keep it off the stack */

int main(int argc, char **argv)
{
  struct runner *r = &g_runner;
  if (parse_options(argc, argv, &r->opt) != 0) {
    usage(stderr);
    return 2;
  }

  /* The protocol keeps the original stdout; anything else written to fd 1 (the
   * library prints a few things) ends up on stderr. */
  int out_fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (out_fd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0 || !(r->out = fdopen(out_fd, "w"))) {
    fprintf(stderr, "avr-board: stdout: %s\n", strerror(errno));
    return 1;
  }

  pid_t parent = getppid();
  if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0)
    fprintf(stderr, "avr-board: prctl: %s\n", strerror(errno));
  if (getppid() != parent)   /* the parent died before prctl took effect */
    return 1;
  install_signals();

  g_log_level = r->opt.verbose ? LOG_DEBUG : LOG_ERROR;
  avr_global_logger_set(avr_logger);

  struct board_ops bops = { .ctx = r, .tx = ev_tx, .dout = ev_dout, .reset = ev_reset,
                            .halt = ev_halt };
  if (board_init(&r->board, r->opt.mcu, r->opt.freq, &bops) != 0 || load_memories(r) != 0) {
    board_free(&r->board);
    return 1;
  }

  struct serial_ops sops = { .ctx = r, .opened = ev_opened, .closed = ev_closed,
                             .rx_room = ev_rx_room, .rx = ev_rx };
  if (serial_create(&r->serial, r->opt.link, &sops) != 0) {
    board_free(&r->board);
    return 1;
  }
  r->stdin_open = true;
  say(r, "pty %s", r->serial.path);
  board_reset(&r->board, RESET_POWER);

  run(r);

  if (g_signal)
    fprintf(stderr, "avr-board: %s, exiting\n", strsignal(g_signal));
  persist(r, true);
  serial_destroy(&r->serial);
  board_free(&r->board);
  free(r->ee_saved);
  free(r->flash_saved);
  fclose(r->out);
  return 0;
}
