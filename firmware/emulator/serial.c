#define _GNU_SOURCE
#include "serial.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#define WATCH_EVENTS (IN_OPEN | IN_CLOSE)

static void raw_termios(struct termios *t)
{
  memset(t, 0, sizeof *t);
  cfmakeraw(t);
  t->c_cflag |= CLOCAL | CREAD;
  t->c_cc[VMIN] = 1;
  t->c_cc[VTIME] = 0;
  cfsetispeed(t, B115200);
  cfsetospeed(t, B115200);
}

static int make_link(struct serial *s, const char *link)
{
  struct stat st;
  if (lstat(link, &st) == 0 && !S_ISLNK(st.st_mode)) {
    fprintf(stderr, "avr-board: %s exists and is not a symlink\n", link);
    return -1;
  }
  char tmp[PATH_MAX];
  int n = snprintf(tmp, sizeof tmp, "%s.%ld.new", link, (long)getpid());
  if (n < 0 || (size_t)n >= sizeof tmp) {
    fprintf(stderr, "avr-board: %s: path too long\n", link);
    return -1;
  }
  unlink(tmp);
  if (symlink(s->path, tmp) != 0) {
    fprintf(stderr, "avr-board: symlink %s: %s\n", tmp, strerror(errno));
    return -1;
  }
  if (rename(tmp, link) != 0) {   /* atomically replaces a stale link */
    fprintf(stderr, "avr-board: rename %s: %s\n", link, strerror(errno));
    unlink(tmp);
    return -1;
  }
  s->link = strdup(link);
  if (!s->link) {
    unlink(link);
    return -1;
  }
  return 0;
}

int serial_create(struct serial *s, const char *link, const struct serial_ops *ops)
{
  memset(s, 0, sizeof *s);
  s->master = -1;
  s->notify = -1;
  s->ops = *ops;

  struct termios t;
  raw_termios(&t);
  int slave;
  if (openpty(&s->master, &slave, NULL, &t, NULL) != 0) {
    fprintf(stderr, "avr-board: openpty: %s\n", strerror(errno));
    return -1;
  }
  if (ptsname_r(s->master, s->path, sizeof s->path) != 0) {
    fprintf(stderr, "avr-board: ptsname: %s\n", strerror(errno));
    close(slave);
    close(s->master);
    return -1;
  }
  /* Only readers keep the slave open: the master then sees POLLHUP while nobody does. */
  close(slave);

  int fl = fcntl(s->master, F_GETFL);
  if (fl < 0 || fcntl(s->master, F_SETFL, fl | O_NONBLOCK) != 0 ||
      fcntl(s->master, F_SETFD, FD_CLOEXEC) != 0) {
    fprintf(stderr, "avr-board: fcntl: %s\n", strerror(errno));
    close(s->master);
    return -1;
  }

  /* inotify reports every open and close of the slave as it happens: a quick
   * close-and-reopen between two polls of the master (which shows POLLHUP only while
   * nobody has the slave open) still counts as a close and an open. Without it, the
   * master alone still tells the state, one time slice late at most. */
  s->watch = -1;
  s->notify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (s->notify >= 0 && (s->watch = inotify_add_watch(s->notify, s->path, WATCH_EVENTS)) < 0) {
    close(s->notify);
    s->notify = -1;
  }
  if (s->notify < 0)
    fprintf(stderr, "avr-board: inotify unavailable (%s), detecting opens by polling\n",
            strerror(errno));

  if (link && make_link(s, link) != 0) {
    if (s->notify >= 0)
      close(s->notify);
    close(s->master);
    return -1;
  }
  return 0;
}

void serial_destroy(struct serial *s)
{
  if (s->link) {
    char target[sizeof s->path];
    ssize_t n = readlink(s->link, target, sizeof target - 1);
    if (n >= 0) {
      target[n] = 0;
      if (strcmp(target, s->path) == 0 && unlink(s->link) != 0)
        fprintf(stderr, "avr-board: unlink %s: %s\n", s->link, strerror(errno));
    }
    free(s->link);
    s->link = NULL;
  }
  if (s->notify >= 0)
    close(s->notify);
  if (s->master >= 0)
    close(s->master);
  s->notify = s->master = -1;
}

void serial_wait_fds(const struct serial *s, bool rx_room, struct pollfd *notify,
                     struct pollfd *master)
{
  *notify = (struct pollfd){ .fd = s->notify, .events = POLLIN };
  *master = (struct pollfd){ .fd = -1 };
  if (s->open)
    *master = (struct pollfd){ .fd = s->master,
                               .events = (short)((rx_room ? POLLIN : 0) | (s->tx_len ? POLLOUT : 0)) };
}

/* Drops what the board sent that the last reader left unread, and restores raw mode
 * for the next reader. The slave's input queue outlives its last close and a flush
 * through the master does not reach it, so the runner opens the slave for a moment,
 * with the inotify watch off so that this open is not taken for a reader's. */
static void reset_slave(struct serial *s)
{
  if (s->watch >= 0) {
    inotify_rm_watch(s->notify, s->watch);
    s->watch = -1;
  }
  int fd = open(s->path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    fprintf(stderr, "avr-board: %s: %s\n", s->path, strerror(errno));
  } else {
    struct termios t;
    raw_termios(&t);
    if (tcflush(fd, TCIFLUSH) != 0 || tcsetattr(fd, TCSANOW, &t) != 0)
      fprintf(stderr, "avr-board: %s: %s\n", s->path, strerror(errno));
    close(fd);
  }
  if (s->notify >= 0 && (s->watch = inotify_add_watch(s->notify, s->path, WATCH_EVENTS)) < 0) {
    fprintf(stderr, "avr-board: inotify: %s, detecting opens by polling\n", strerror(errno));
    close(s->notify);
    s->notify = -1;
  }
}

static void became_open(struct serial *s)
{
  s->open = true;
  s->tx_len = 0;
  s->ops.opened(s->ops.ctx);
}

static bool nobody_has_it_open(const struct serial *s)
{
  struct pollfd p = { .fd = s->master };
  return poll(&p, 1, 0) == 1 && (p.revents & POLLHUP);
}

static void became_closed(struct serial *s)
{
  if (s->tx_dropped) {
    fprintf(stderr, "avr-board: %llu byte(s) from the board dropped: the reader did not keep up\n",
            (unsigned long long)s->tx_dropped);
    s->tx_dropped = 0;
  }
  s->open = false;
  s->readers = 0;
  s->tx_len = 0;
  reset_slave(s);
  s->ops.closed(s->ops.ctx);
  /* A reader that opened while the watch was off. */
  if (!nobody_has_it_open(s)) {
    s->readers = 1;
    became_open(s);
  }
}

/* Replays the opens and closes inotify saw, in order. */
static void read_notify(struct serial *s)
{
  char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
  for (;;) {
    ssize_t n = s->notify >= 0 ? read(s->notify, buf, sizeof buf) : -1;
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return;
    for (char *p = buf; p < buf + n;) {
      const struct inotify_event *e = (const struct inotify_event *)p;
      p += sizeof *e + e->len;
      if (e->mask & IN_OPEN) {
        if (s->readers++ == 0 && !s->open)
          became_open(s);
      } else if (e->mask & IN_CLOSE) {
        if (s->readers > 0 && --s->readers == 0 && s->open)
          became_closed(s);
      }
    }
  }
}

void serial_service(struct serial *s, bool notified, short master_revents)
{
  if (notified)
    read_notify(s);
  /* The master's POLLHUP is the ground truth for "nobody has it open"; look afresh
   * after inotify events (an old POLLHUP may predate a reopen), and while closed
   * only then (or without inotify at all). */
  if (notified || (!s->open && s->notify < 0)) {
    struct pollfd p = { .fd = s->master, .events = POLLIN };
    if (poll(&p, 1, 0) < 0) {
      if (errno != EINTR)
        fprintf(stderr, "avr-board: poll: %s\n", strerror(errno));
      return;
    }
    master_revents = p.revents;
  } else if (!s->open) {
    return;
  }
  bool hup = (master_revents & POLLHUP) != 0;
  if (!s->open && !hup) {
    if (s->readers == 0)
      s->readers = 1;
    became_open(s);
  }

  /* Read before handling a close: the bytes were on the wire before the reader left. */
  while (s->open && (master_revents & POLLIN)) {
    size_t room = s->ops.rx_room(s->ops.ctx);
    if (room == 0)
      break;
    uint8_t buf[1024];
    ssize_t n = read(s->master, buf, room < sizeof buf ? room : sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)   /* EAGAIN, or EIO once the last reader has gone */
      break;
    s->ops.rx(s->ops.ctx, buf, (size_t)n);
  }

  if (s->open && hup)
    became_closed(s);
}

void serial_put(struct serial *s, uint8_t byte)
{
  if (!s->open)
    return;
  if (s->tx_len == sizeof s->tx) {
    s->tx_dropped++;
    return;
  }
  s->tx[s->tx_len++] = byte;
}

void serial_flush(struct serial *s)
{
  size_t done = 0;
  while (s->open && done < s->tx_len) {
    ssize_t n = write(s->master, s->tx + done, s->tx_len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)   /* EAGAIN: the reader is not reading; keep it for later */
      break;
    done += (size_t)n;
  }
  if (done > 0) {
    memmove(s->tx, s->tx + done, s->tx_len - done);
    s->tx_len -= done;
  }
}
