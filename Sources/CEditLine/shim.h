#ifndef MNEME_CEDITLINE_SHIM_H
#define MNEME_CEDITLINE_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>

/* Typed wrappers: Swift 6 cannot touch libedit's mutable globals directly. */

/* Reads a line with editing and history; NULL at end of input (Ctrl-D). Free with mneme_free. */
static inline char *mneme_readline(const char *prompt) { return readline(prompt); }

static inline void mneme_add_history(const char *line) { add_history(line); }

static inline int mneme_read_history(const char *path) { return read_history(path); }

static inline int mneme_write_history(const char *path) { return write_history(path); }

static inline void mneme_stifle_history(int max) { stifle_history(max); }

static inline void mneme_free(void *pointer) { free(pointer); }

#endif
