#include <sqlite3.h>

/// A virtual table and a cursor of one (`IndexOrderWindow`): SQLite's base structure first, as it
/// requires, then a pointer to what tei keeps for it.
typedef struct tei_vtab {
    sqlite3_vtab base;
    void *state;
} tei_vtab;

typedef struct tei_vtab_cursor {
    sqlite3_vtab_cursor base;
    void *state;
} tei_vtab_cursor;
