/*
 * cli.h — what the subcommands of the congvan command line share: exit
 * statuses, usage errors, reading inputs, atomic output, the template set.
 * Only src/cli/ prints, exits or writes files (see congvan.h).
 */
#ifndef CV_CLI_H
#define CV_CLI_H

#include <stddef.h>

#include "base/buf.h"
#include "congvan.h"

enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2 };

/* "congvan: <message>" + a hint to --help on stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);
/* Whole file, or stdin for "-"; NULL after printing why. Caller frees. */
char *cli_read(const char *path, size_t *len);
/* Output path: beside the input, or in outdir with the input's base name
 * only (nothing is ever written outside outdir). Caller frees. */
char *cli_out_path(const char *in, const char *outdir, const char *ext);
/* cv_read_file_fn of the command line: a file a document names (a copy's
 * ban_goc), relative to the folder of the input file `ctx` (the current
 * folder for standard input).  Refused: an absolute path, and one that
 * leads (symlinks followed) outside both that folder and the current one. */
int cli_read_named(void *ctx, const char *path, char **data, size_t *len, char *why, size_t whylen);
/* Write atomically ("-" = stdout); -1 after printing why. */
int cli_write(const char *path, const cv_buf *data);
/* The year "now" (SOURCE_DATE_EPOCH when set, for reproducible output). */
int cli_year_now(void);
/* Convert a DOCX to PDF at pdf_path with LibreOffice (headless); -1 after
 * printing why (naming the Debian package when LibreOffice is missing). */
int cli_docx_to_pdf(const cv_buf *docx, const char *pdf_path);
/* Output formats the CLI adds to the library's (CV_OUT_DOCX, CV_OUT_HTML). */
enum { CLI_OUT_PDF = 4 };
/* Built-in templates overlaid with dir (or $CONGVAN_TEMPLATES); NULL after
 * printing why. */
cv_tpl_set *cli_templates(const char *dir);

int cmd_render(int argc, char **argv);
int cmd_templates(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_serve(int argc, char **argv);

extern const char cli_usage[];

#endif
