#ifndef TEI_EDITLINE_SHIM_H
#define TEI_EDITLINE_SHIM_H

/// A libedit line editor with history, configured through non-variadic calls that Swift can make.
typedef struct tei_editor tei_editor;

/// Called when Tab is pressed; returns one of the TEI_EDIT_* codes.
typedef unsigned char (*tei_editor_key_handler)(void *context);

/// What a key handler asks the editor to do next (libedit's CC_REFRESH, CC_REDISPLAY, CC_ERROR).
enum {
    TEI_EDIT_REFRESH = 4,
    TEI_EDIT_REDISPLAY = 8,
    TEI_EDIT_ERROR = 6
};

/// Opens an editor on standard input and output with emacs keys, Ctrl-R history search,
/// Ctrl-C clearing the line, and ~/.editrc applied last so users can override any of it.
tei_editor *tei_editor_open(const char *program);
void tei_editor_close(tei_editor *editor);

/// Sets the text shown before the cursor on the next read.
void tei_editor_set_prompt(tei_editor *editor, const char *prompt);

/// Sets the function Tab calls, with the context it is given.
void tei_editor_set_completion(tei_editor *editor, tei_editor_key_handler handler, void *context);

/// Reads one line. Returns NULL at end of input (Ctrl-D on an empty line); the text includes the
/// trailing newline. `cancelled` is set to 1 when the line was abandoned with Ctrl-C.
const char *tei_editor_read(tei_editor *editor, int *cancelled);

/// The text from the start of the line being edited to the cursor (valid until the next edit).
/// Returns its length in bytes.
int tei_editor_text_before_cursor(tei_editor *editor, char *buffer, int capacity);

/// Inserts text at the cursor; returns 0 on success.
int tei_editor_insert(tei_editor *editor, const char *text);

/// Writes text to the editor's output (a completion list), outside the line being edited.
void tei_editor_print(tei_editor *editor, const char *text);

/// Replaces the editor's history with `count` entries, oldest first, keeping at most `limit`.
void tei_editor_set_history(tei_editor *editor, const char *const *entries, int count, int limit);

/// Appends one entry to the editor's history (consecutive duplicates are collapsed).
void tei_editor_add_history(tei_editor *editor, const char *entry);

#endif
