#define _GNU_SOURCE
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int store_load(const char *path, uint8_t *buf, size_t size)
{
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      return 0;
    fprintf(stderr, "avr-board: %s: %s\n", path, strerror(errno));
    return -1;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    fprintf(stderr, "avr-board: %s: %s\n", path, strerror(errno));
    close(fd);
    return -1;
  }
  if (st.st_size == 0) {
    close(fd);
    return 0;
  }
  if ((size_t)st.st_size != size) {
    fprintf(stderr, "avr-board: %s: %lld bytes, expected %zu\n", path,
            (long long)st.st_size, size);
    close(fd);
    return -1;
  }
  size_t done = 0;
  while (done < size) {
    ssize_t n = read(fd, buf + done, size - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      fprintf(stderr, "avr-board: %s: %s\n", path, n < 0 ? strerror(errno) : "short read");
      close(fd);
      return -1;
    }
    done += (size_t)n;
  }
  close(fd);
  return 1;
}

static int write_all(int fd, const uint8_t *buf, size_t size)
{
  size_t done = 0;
  while (done < size) {
    ssize_t n = write(fd, buf + done, size - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return -1;
    done += (size_t)n;
  }
  return 0;
}

static int sync_dir_of(const char *path)
{
  char *copy = strdup(path);
  if (!copy)
    return -1;
  int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  free(copy);
  if (fd < 0)
    return -1;
  int rc = fsync(fd);
  close(fd);
  return rc;
}

int store_save(const char *path, const uint8_t *buf, size_t size)
{
  char tmp[4096];
  int len = snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
  if (len < 0 || (size_t)len >= sizeof tmp) {
    fprintf(stderr, "avr-board: %s: path too long\n", path);
    return -1;
  }
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    fprintf(stderr, "avr-board: %s: %s\n", tmp, strerror(errno));
    return -1;
  }
  if (write_all(fd, buf, size) != 0 || fsync(fd) != 0) {
    fprintf(stderr, "avr-board: %s: %s\n", tmp, strerror(errno));
    close(fd);
    unlink(tmp);
    return -1;
  }
  if (close(fd) != 0) {
    fprintf(stderr, "avr-board: %s: %s\n", tmp, strerror(errno));
    unlink(tmp);
    return -1;
  }
  if (rename(tmp, path) != 0) {
    fprintf(stderr, "avr-board: %s: %s\n", path, strerror(errno));
    unlink(tmp);
    return -1;
  }
  if (sync_dir_of(path) != 0) {
    fprintf(stderr, "avr-board: %s: directory sync: %s\n", path, strerror(errno));
    return -1;
  }
  return 0;
}
