/*
 * cmd_batch.c — `congvan batch FILE.md --data TABLE`: one document per row
 * of a table.  This file is the front end of the batch engine
 * (batch/batch.h): options, Ctrl-C, the progress bar, the report of bad
 * rows, --dry-run's list and the summary line.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "batch/batch.h"
#include "batch/pack.h"
#include "cli/cli.h"

/* Set by SIGINT/SIGTERM: the engine deals no more rows, in-flight files are
 * finished (each is written atomically), and nothing half-written stays. */
static volatile sig_atomic_t S_stop;

static void S_on_signal(int sig)
{
	(void)sig;
	S_stop = 1;
}

/* Marked with N_ (an array cannot call _()); printed as _(S_help). */
static const char S_help[] = N_(
	"Usage: congvan batch FILE.md --data TABLE [OPTIONS]\n"
	"\n"
	"One document per row of TABLE: {{column}} in FILE.md's front-matter values and\n"
	"body takes the row's value; a column named like a front-matter key (kinh_gui,\n"
	"so, ky.ho_ten, ...) sets that key.  Every row is checked before anything is\n"
	"written; a bad row is reported and the others are written.\n"
	"\n"
	"  --data TABLE       .csv (UTF-8, RFC 4180), .xlsx or .yaml (a list of mappings)\n"
	"  --sheet NAME       the XLSX sheet (default: the first)\n"
	"  --outdir DIR       where the documents go (default: the current folder)\n"
	"  --name PATTERN     file names, with {{column}} and {{row}}\n"
	"                     (default: {{row}}-{{<first column>}}); folded to a-z 0-9 -\n"
	"  --to LIST          docx, html or docx,html (default both)\n"
	"  --merge ALL.docx   also one DOCX holding every document, each from a new page\n"
	"                     with its own page numbers\n"
	"  --zip OUT.zip      also a zip of the documents, the manifest and ALL.docx\n"
	"  --manifest PATH    the manifest: row,file,so,sha256 (default DIR/manifest.csv)\n"
	"  -j, --jobs N       documents rendered at once (default: the processors)\n"
	"  -n, --dry-run      check every row and list the files; write nothing\n"
	"      --templates DIR  use the templates in DIR before the built-in ones\n"
	"  -q, --quiet        no warnings, no progress bar\n"
	"\n"
	"Exit status: 0 all written, 1 a bad row or bad input (good rows are still\n"
	"written), 2 bad usage, 130 interrupted.  See docs/batch.md.\n");

/* ---- progress bar -------------------------------------------------------- */

typedef struct {
	int on;             /* stderr is a terminal (and not --quiet) */
	char phase[16];
	double t0;          /* when the phase began */
	int drawn;
} S_bar;

static double S_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void S_progress(void *ctx, const char *phase, size_t done, size_t total)
{
	S_bar *p = ctx;
	if (!p->on)
		return;
	if (strcmp(p->phase, phase)) {
		snprintf(p->phase, sizeof p->phase, "%s", phase);
		p->t0 = S_now();
	}
	double el = S_now() - p->t0;
	double rate = el > 0 ? (double)done / el : 0;
	enum { W = 30 };
	int fill = total ? (int)((double)W * (double)done / (double)total) : W;
	char bar[W + 1];
	for (int i = 0; i < W; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[W] = '\0';
	char left[32] = "";
	if (rate > 0 && done < total) {
		long s = (long)((double)(total - done) / rate + 0.5);
		snprintf(left, sizeof left, _("  %ld:%02ld left"), s / 60, s % 60);
	}
	fprintf(stderr, "\r%-8s [%s] %zu/%zu  %.0f/s%s\033[K", _(phase), bar, done, total, rate, left);
	fflush(stderr);
	p->drawn = 1;
}

static void S_bar_clear(S_bar *p)
{
	if (p->on && p->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		p->drawn = 0;
	}
}

/* ---- the report ------------------------------------------------------------ */

/* The rows that share one message (cv_batch_row.msg), gathered in one pass
 * over the rows without keeping them: the first, how many, and the label's
 * list of runs ("1-3, 7, 9-12") as far as a label can show it. */
typedef struct {
	size_t first, count;
	size_t run0, run1; /* the run of consecutive rows under way */
	bool gaps;         /* more than one run */
	cv_buf runs;       /* the runs before the one under way */
} S_group;

/* Enough runs for any label (512 bytes, of which 32 are kept for "..."). */
#define S_RUNS_MAX 600

static void S_flush_run(S_group *g)
{
	if (g->runs.len > S_RUNS_MAX)
		return; /* the label stops before these */
	if (g->runs.len)
		cv_buf_puts(&g->runs, ", ");
	if (g->run1 > g->run0)
		cv_buf_printf(&g->runs, "%zu-%zu", g->run0 + 1, g->run1 + 1);
	else
		cv_buf_printf(&g->runs, "%zu", g->run0 + 1);
}

static void S_group_add(S_group *g, size_t row)
{
	if (g->count++ == 0) {
		g->first = g->run0 = g->run1 = row;
	} else if (row == g->run1 + 1) {
		g->run1 = row;
	} else {
		S_flush_run(g);
		g->gaps = true;
		g->run0 = g->run1 = row;
	}
}

/* "rows 1-3, 7" / "row 4 (data.csv line 5)"; at most a line of ranges.
 * R is the group's first row. */
static void S_rows_label(const cv_batch *b, S_group *g, const cv_batch_row *R, char *out, size_t outlen)
{
	if (g->count == 1) {
		snprintf(out, outlen, _("row %zu (%s %s %ld)"), g->first + 1, cv_batch_table(b),
			 _(cv_batch_where_word(b)), R->where);
		return;
	}
	if (!g->gaps) { /* one run */
		snprintf(out, outlen, _("rows %zu-%zu"), g->first + 1, g->run1 + 1);
		return;
	}
	S_flush_run(g);
	size_t o = (size_t)snprintf(out, outlen, _("%zu rows: "), g->count);
	const char *p = cv_buf_cstr(&g->runs);
	for (int i = 0; *p && o < outlen; i++) {
		size_t n = strcspn(p, ",");
		if (o > outlen - 32) {
			snprintf(out + o, outlen - o, "...");
			break;
		}
		o += (size_t)snprintf(out + o, outlen - o, "%s%.*s", i ? ", " : "", (int)n, p);
		p += n;
		p += strspn(p, ", ");
	}
}

/* Print the messages of the rows in `states`, each text once with the rows
 * it concerns, in the order of the first row of each; a row whose message
 * is its own (cv_batch_row.msg -1) has its own.  Two passes over the rows:
 * gather, then print, keeping a group per kept message, not per row.
 * Returns how many rows are in those states. */
static size_t S_report(cv_batch *b, unsigned states, int quiet)
{
	size_t n = cv_batch_count(b), count = 0, ng = 0;
	S_group *g = NULL;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			const cv_batch_row *R = cv_batch_row_at(b, i);
			if (!(states & (1u << R->state)))
				continue;
			count += pass == 0;
			bool bad = R->state == CV_ROW_BAD || R->state == CV_ROW_FAILED;
			if (!*R->message || (quiet && !bad))
				continue;
			S_group one = {i, 1, i, i, false, CV_BUF_INIT}, *e = &one;
			if (R->msg >= 0) {
				if ((size_t)R->msg >= ng) {
					size_t m = (size_t)R->msg + 1;
					g = cv_xrealloc(g, m * sizeof *g);
					memset(g + ng, 0, (m - ng) * sizeof *g);
					ng = m;
				}
				e = &g[R->msg];
				if (pass == 0) {
					S_group_add(e, i);
					continue;
				}
				if (e->first != i)
					continue; /* printed with its first row */
			} else if (pass == 0) {
				continue;
			}
			char label[512];
			S_rows_label(b, e, R, label, sizeof label);
			fputs(R->message, stderr);
			if (R->state == CV_ROW_BAD)
				fprintf(stderr, _("congvan: %s: not written (the errors above)\n"), label);
			else if (R->state == CV_ROW_FAILED)
				fprintf(stderr, _("congvan: %s: not written (see above)\n"), label);
			else
				fprintf(stderr, _("congvan: %s: the warnings above\n"), label);
		}
	}
	for (size_t i = 0; i < ng; i++)
		cv_buf_free(&g[i].runs);
	free(g);
	return count;
}

/* ---- the command ------------------------------------------------------------ */

static int S_formats(const char *arg, int *formats)
{
	char *list = cv_xstrdup(arg), *save = NULL;
	*formats = 0;
	for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "docx"))
			*formats |= CV_OUT_DOCX;
		else if (!strcmp(tok, "html"))
			*formats |= CV_OUT_HTML;
		else {
			int rc = cli_usage_error(_("--to: unknown format '%s' (expected docx, html)"), tok);
			free(list);
			return rc;
		}
	}
	free(list);
	return *formats ? 0 : cli_usage_error("%s", _("--to: give docx, html or docx,html"));
}

static bool S_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && !strcmp(s + n - k, suffix);
}

int cmd_batch(int argc, char **argv)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, 'd'},
		{"sheet", required_argument, NULL, 's'},
		{"outdir", required_argument, NULL, 'D'},
		{"name", required_argument, NULL, 'N'},
		{"to", required_argument, NULL, 'T'},
		{"merge", required_argument, NULL, 'M'},
		{"zip", required_argument, NULL, 'Z'},
		{"manifest", required_argument, NULL, 'F'},
		{"jobs", required_argument, NULL, 'j'},
		{"dry-run", no_argument, NULL, 'n'},
		{"templates", required_argument, NULL, 't'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	cv_batch_opts o;
	memset(&o, 0, sizeof o);
	const char *tpl_dir = NULL;
	int dry = 0, c, rc;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	o.formats = CV_OUT_DOCX | CV_OUT_HTML;
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:nqh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o.data = optarg; break;
		case 's': o.sheet = optarg; break;
		case 'D': o.outdir = optarg; break;
		case 'N': o.name_pattern = optarg; break;
		case 'M': o.merge = optarg; break;
		case 'Z': o.zip = optarg; break;
		case 'F': o.manifest = optarg; break;
		case 't': tpl_dir = optarg; break;
		case 'n': dry = 1; break;
		case 'q': o.quiet = true; break;
		case 'h': fputs(_(S_help), stdout); return EXIT_OK;
		case 'T':
			if ((rc = S_formats(optarg, &o.formats)) != 0)
				return rc;
			break;
		case 'j': {
			char *end;
			jobs = strtol(optarg, &end, 10);
			if (*end || jobs < 1 || jobs > CV_BATCH_MAX_JOBS)
				return cli_usage_error(_("-j %s: give a number of jobs from 1 to 256"), optarg);
			break;
		}
		default: return cli_usage_error("%s", _("bad option for 'batch' (see congvan batch --help)"));
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("%s", argc - optind < 1 ? _("batch: no input file (give FILE.md and --data TABLE)")
							       : _("batch: give one FILE.md"));
	if (!o.data)
		return cli_usage_error("%s", _("batch: --data TABLE is required (.csv, .xlsx or .yaml)"));
	if (o.merge && !S_ends(o.merge, ".docx"))
		return cli_usage_error(_("--merge %s: the name must end in .docx"), o.merge);
	if (o.zip && !S_ends(o.zip, ".zip"))
		return cli_usage_error(_("--zip %s: the name must end in .zip"), o.zip);
	if (o.name_pattern && !*o.name_pattern)
		return cli_usage_error("%s", _("--name: the pattern is empty"));
	o.jobs = jobs < 1 ? 1 : jobs > CV_BATCH_MAX_JOBS ? CV_BATCH_MAX_JOBS : (int)jobs;
	o.dry_run = dry != 0;

	double t0 = S_now();
	const char *in = argv[optind];
	size_t len = 0;
	char *src = cli_read(in, &len);
	if (!src)
		return EXIT_BAD_INPUT;
	cv_tpl_set *set = cli_templates(tpl_dir);
	if (!set) {
		free(src);
		return EXIT_BAD_INPUT;
	}
	/* the set is shared by the workers: compile it before they start */
	cv_diags d = CV_DIAGS_INIT;
	int terr = cv_tpl_compile_all(set, &d);
	cv_diag_print(&d, stderr, 1, CV_WARNING);
	cv_diags_free(&d);
	if (terr) {
		cv_tpl_set_free(set);
		free(src);
		return EXIT_BAD_INPUT;
	}
	cv_pack_init();

	S_bar bar = {isatty(2) && !o.quiet, "", 0, 0};
	o.file = strcmp(in, "-") ? in : "<stdin>";
	o.src = src;
	o.len = len;
	o.set = set;
	o.year_now = cli_year_now();
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	o.zip_mtime = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	o.stop = &S_stop;
	o.progress = S_progress;
	o.progress_ctx = &bar;

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = S_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	int status = EXIT_OK;
	char err[2048], note[1024];
	cv_batch *b = cv_batch_open(&o, err, sizeof err);
	if (!b) {
		fprintf(stderr, "congvan: %s\n", err);
		status = S_stop ? 130 : EXIT_BAD_INPUT;
		goto out;
	}
	size_t n = cv_batch_count(b);
	long bad = cv_batch_check(b, err, sizeof err);
	S_bar_clear(&bar);
	if (bad < 0) {
		fprintf(stderr, "congvan: %s\n", err);
		status = cv_batch_interrupted(b) ? 130 : EXIT_BAD_INPUT;
		goto out;
	}
	S_report(b, 1u << CV_ROW_GOOD | 1u << CV_ROW_BAD, o.quiet);
	if (bad)
		status = EXIT_BAD_INPUT;

	if (dry) {
		size_t files = 0;
		for (size_t i = 0; i < n; i++) {
			if (cv_batch_row_at(b, i)->state != CV_ROW_GOOD)
				continue;
			for (int f = CV_OUT_DOCX; f <= CV_OUT_HTML; f <<= 1) {
				if (!(o.formats & f))
					continue;
				char *p = cv_batch_path(b, i, f);
				printf("%s\n", p);
				free(p);
				files++;
			}
		}
		if (files) {
			if (o.merge)
				printf("%s\n", o.merge);
			printf("%s\n", cv_batch_manifest(b));
			if (o.zip)
				printf("%s\n", o.zip);
		}
		if (cv_batch_error(b)) { /* a row could not be read back: the list lacks it */
			fprintf(stderr, "congvan: %s\n", cv_batch_error(b));
			status = EXIT_BAD_INPUT;
		}
		double el = S_now() - t0;
		fprintf(stderr, P_("dry run: %zu document checked in %.2f s (%.0f/s); %ld failed; nothing written\n",
				   "dry run: %zu documents checked in %.2f s (%.0f/s); %ld failed; nothing written\n", n),
			n, el, el > 0 ? (double)n / el : 0, bad);
		goto out;
	}

	rc = cv_batch_write(b, err, sizeof err, note, sizeof note);
	S_bar_clear(&bar);
	size_t failed = S_report(b, 1u << CV_ROW_FAILED, o.quiet);
	if (note[0] && !o.quiet)
		fprintf(stderr, _("congvan: warning: %s\n"), note);
	if (rc != 0) {
		fprintf(stderr, "congvan: %s\n", err);
		status = EXIT_BAD_INPUT;
	}
	if (failed)
		status = EXIT_BAD_INPUT;
	size_t written = 0;
	for (size_t i = 0; i < n; i++)
		written += cv_batch_row_at(b, i)->state == CV_ROW_WRITTEN;
	if (cv_batch_error(b)) { /* a row could not be read back: the report lacks it */
		fprintf(stderr, "congvan: %s\n", cv_batch_error(b));
		status = EXIT_BAD_INPUT;
	}
	double el = S_now() - t0;
	if (cv_batch_interrupted(b)) {
		fprintf(stderr, _("interrupted: %zu of %zu documents written in %.2f s; %zu not written "
				  "(the files on disk are whole)\n"), written, n, el, n - written);
		status = 130;
	} else {
		fprintf(stderr, P_("%zu document written in %.2f s (%.0f/s); %zu failed\n",
				   "%zu documents written in %.2f s (%.0f/s); %zu failed\n", written),
			written, el, el > 0 ? (double)written / el : 0, n - written);
	}
out:
	cv_batch_close(b);
	cv_tpl_set_free(set);
	free(src);
	return status;
}
