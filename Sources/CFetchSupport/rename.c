#define _GNU_SOURCE
#include "CFetchSupport.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#if defined(__APPLE__)
#include <unistd.h>
#else
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif
#endif

int tei_rename_no_replace(const char *from, const char *to) {
#if defined(__APPLE__)
    if (renamex_np(from, to, RENAME_EXCL) == 0) return 0;
    if (errno != ENOTSUP) return -1;
#else
    if (syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return -1;
#endif
    // A file system without the flag: claim the name with an empty folder (mkdir never replaces),
    // then rename over that folder of ours.
    if (mkdir(to, 0700) != 0) return -1;
    return rename(from, to);
}
