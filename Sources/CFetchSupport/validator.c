#include "CFetchSupport.h"

#include <string.h>
#include <sys/xattr.h>

// An extended attribute of the partial file itself: it goes wherever the file goes and vanishes
// with it, so no record can disagree with the bytes it describes.
static const char *name = "user.tei-fetch.validator";

int tei_set_validator(int descriptor, const char *value) {
#if defined(__APPLE__)
    return fsetxattr(descriptor, name, value, strlen(value), 0, 0);
#else
    return fsetxattr(descriptor, name, value, strlen(value), 0);
#endif
}

long tei_get_validator(int descriptor, char *buffer, size_t size) {
#if defined(__APPLE__)
    return (long)fgetxattr(descriptor, name, buffer, size, 0, 0);
#else
    return (long)fgetxattr(descriptor, name, buffer, size);
#endif
}
