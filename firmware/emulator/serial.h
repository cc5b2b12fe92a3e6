/* The board's USB serial port: a pseudo-terminal whose slave end the host opens. */
#ifndef AVR_BOARD_SERIAL_H
#define AVR_BOARD_SERIAL_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SERIAL_TX_CAP 65536

struct serial_ops {
  void *ctx;
  void (*opened)(void *ctx);                     /* a first reader opened the port */
  void (*closed)(void *ctx);                     /* the last reader closed it */
  size_t (*rx_room)(void *ctx);                  /* bytes the board side can take now */
  void (*rx)(void *ctx, const uint8_t *buf, size_t len); /* bytes the host wrote */
};

struct serial {
  int master;
  int notify;            /* inotify instance, or -1 */
  int watch;             /* its watch on the slave, or -1 */
  char path[64];         /* /dev/pts/N */
  char *link;            /* symlink to path, or NULL */
  bool open;             /* somebody has the slave open */
  int readers;           /* open files on the slave, as inotify counted them */
  struct serial_ops ops;
  uint8_t tx[SERIAL_TX_CAP];
  size_t tx_len;
  uint64_t tx_dropped;
};

/* Makes the pty (raw, 115200) and, if LINK is set, the symlink LINK -> pty. 0 or -1. */
int serial_create(struct serial *s, const char *link, const struct serial_ops *ops);

/* Removes the symlink if it still points to our pty, closes everything. */
void serial_destroy(struct serial *s);

/* What to poll: NOTIFY (inotify, fd -1 without it) always; MASTER only while the
 * port is open (fd -1 otherwise): while closed the master reports POLLHUP all along. */
void serial_wait_fds(const struct serial *s, bool rx_room, struct pollfd *notify,
                     struct pollfd *master);

/* Detects opens and closes and reads what the host wrote, never blocking. NOTIFIED:
 * poll found the inotify fd readable; MASTER_REVENTS: what it said of the master. */
void serial_service(struct serial *s, bool notified, short master_revents);

/* Queues a byte the board transmitted; dropped while nobody has the port open. */
void serial_put(struct serial *s, uint8_t byte);

/* Writes queued bytes to the pty without blocking. */
void serial_flush(struct serial *s);

#endif
