#include "CEditlineShim.h"

#include <histedit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tei_editor {
    EditLine *el;
    History *history;
    char *prompt;
    int cancelled;
    tei_editor_key_handler complete;
    void *complete_context;
};

static tei_editor *editor_of(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return (tei_editor *)data;
}

static char *prompt_text(EditLine *el) {
    tei_editor *editor = editor_of(el);
    return editor && editor->prompt ? editor->prompt : "";
}

/* Ctrl-C at the prompt abandons the line rather than the program: the line is ended and
   marked cancelled, and the caller throws its text away. */
static unsigned char cancel_line(EditLine *el, int key) {
    (void)key;
    tei_editor *editor = editor_of(el);
    if (editor) editor->cancelled = 1;
    fputs("^C", stdout);
    fflush(stdout);
    return CC_NEWLINE;
}

static unsigned char complete_word(EditLine *el, int key) {
    (void)key;
    tei_editor *editor = editor_of(el);
    if (!editor || !editor->complete) return CC_ERROR;
    return editor->complete(editor->complete_context);
}

tei_editor *tei_editor_open(const char *program) {
    tei_editor *editor = calloc(1, sizeof *editor);
    if (!editor) return NULL;
    editor->el = el_init(program, stdin, stdout, stderr);
    if (!editor->el) {
        free(editor);
        return NULL;
    }
    editor->history = history_init();
    HistEvent event;
    history(editor->history, &event, H_SETSIZE, 1000);
    history(editor->history, &event, H_SETUNIQUE, 1);
    EditLine *el = editor->el;
    el_set(el, EL_CLIENTDATA, editor);
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 1);
    el_set(el, EL_PROMPT, prompt_text);
    el_set(el, EL_HIST, history, editor->history);
    /* Ctrl-C reaches the editor as a key while editing, so it can clear the line. */
    el_set(el, EL_SETTY, "-d", "-isig", NULL);
    el_set(el, EL_ADDFN, "tei-cancel-line", "Abandon the line being edited", cancel_line);
    el_set(el, EL_BIND, "^C", "tei-cancel-line", NULL);
    el_set(el, EL_ADDFN, "tei-complete", "Complete the word before the cursor", complete_word);
    el_set(el, EL_BIND, "^I", "tei-complete", NULL);
    el_set(el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    el_source(el, NULL);
    return editor;
}

void tei_editor_close(tei_editor *editor) {
    if (!editor) return;
    el_end(editor->el);
    history_end(editor->history);
    free(editor->prompt);
    free(editor);
}

void tei_editor_set_prompt(tei_editor *editor, const char *prompt) {
    free(editor->prompt);
    editor->prompt = strdup(prompt);
}

void tei_editor_set_completion(tei_editor *editor, tei_editor_key_handler handler, void *context) {
    editor->complete = handler;
    editor->complete_context = context;
}

const char *tei_editor_read(tei_editor *editor, int *cancelled) {
    int count = 0;
    editor->cancelled = 0;
    const char *line = el_gets(editor->el, &count);
    if (cancelled) *cancelled = editor->cancelled;
    if (editor->cancelled) {
        fputs("\n", stdout);
        fflush(stdout);
        return line ? line : "";
    }
    return count > 0 ? line : NULL;
}

int tei_editor_text_before_cursor(tei_editor *editor, char *buffer, int capacity) {
    const LineInfo *info = el_line(editor->el);
    int length = (int)(info->cursor - info->buffer);
    if (length >= capacity) length = capacity - 1;
    if (length < 0) length = 0;
    memcpy(buffer, info->buffer, (size_t)length);
    buffer[length] = '\0';
    return length;
}

int tei_editor_insert(tei_editor *editor, const char *text) {
    return el_insertstr(editor->el, text);
}

void tei_editor_print(tei_editor *editor, const char *text) {
    (void)editor;
    fputs(text, stdout);
    fflush(stdout);
}

void tei_editor_set_history(tei_editor *editor, const char *const *entries, int count, int limit) {
    HistEvent event;
    history(editor->history, &event, H_CLEAR);
    history(editor->history, &event, H_SETSIZE, limit > 0 ? limit : 1);
    for (int i = 0; i < count; i++) history(editor->history, &event, H_ENTER, entries[i]);
}

void tei_editor_add_history(tei_editor *editor, const char *entry) {
    HistEvent event;
    history(editor->history, &event, H_ENTER, entry);
}
