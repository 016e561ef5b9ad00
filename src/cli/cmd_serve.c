/*
 * cmd_serve.c — `congvan serve [FILE.md | DIR] [--port N] [--host ADDR]`:
 * the live preview server (src/serve/).  This file owns what the library
 * must not do: options, the one line that says where to connect, the
 * operator's messages on stderr, and the signals that stop it.
 *
 * Ctrl-C: SIGINT and SIGTERM are blocked in every thread (the mask is set
 * before the server starts its threads, which inherit it) and received here
 * with sigwait(), so stopping is ordinary code, not a signal handler.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "serve/serve.h"

/* Marked with N_ (an array cannot call _()); printed as _(S_usage). */
static const char S_usage[] = N_(
	"Usage: congvan serve [FILE.md | DIR] [--port N] [--host ADDR] [--templates DIR]\n"
	"\n"
	"Preview documents in a browser while editing them: every *.md of DIR (default:\n"
	"the current folder), or only FILE.md. Pages re-render when a file or a template\n"
	"changes; each page offers the DOCX and the HTML for download.\n"
	"\n"
	"  -p, --port N         port to listen on (default 8030; 0 = any free port)\n"
	"      --host ADDR      numeric address to bind (default 127.0.0.1)\n"
	"      --templates DIR  use the templates in DIR before the built-in ones, and\n"
	"                       reload them when they change (default: $CONGVAN_TEMPLATES)\n"
	"\n"
	"Stop with Ctrl-C. Exit status: 0 stopped, 1 could not start, 2 bad usage.\n");

#define S_DEFAULT_PORT 8030

static void S_log(void *cls, const char *line)
{
	(void)cls;
	/* one fprintf per line: stdio locks the stream, so lines from
	 * different threads do not interleave */
	fprintf(stderr, "congvan: %s\n", line);
}

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{"port", required_argument, NULL, 'p'},
		{"host", required_argument, NULL, 'H'},
		{"templates", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *host = "127.0.0.1", *tpl_dir = NULL;
	long port = S_DEFAULT_PORT;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': {
			char *end;
			errno = 0;
			port = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || port < 0 || port > 65535)
				return cli_usage_error(_("--port %s: expected a number from 0 to 65535"), optarg);
			break;
		}
		case 'H': host = optarg; break;
		case 't': tpl_dir = optarg; break;
		case 'h': fputs(_(S_usage), stdout); return EXIT_OK;
		default: return cli_usage_error("%s", _("bad option for 'serve' (see congvan serve --help)"));
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("%s", _("serve: give one folder or one .md file"));
	const char *path = optind < argc ? argv[optind] : ".";
	if (!tpl_dir)
		tpl_dir = getenv("CONGVAN_TEMPLATES");
	if (tpl_dir && !*tpl_dir)
		tpl_dir = NULL;

	cv_tpl_set *set = cli_templates(tpl_dir);
	if (!set)
		return EXIT_BAD_INPUT;
	/* compiled once, before any thread shares it (tpl.h); a broken template
	 * is reported here and again on the pages that use it */
	cv_diags d = CV_DIAGS_INIT;
	cv_tpl_compile_all(set, &d);
	cv_diag_print(&d, stderr, 1, CV_WARNING);
	cv_diags_free(&d);

	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN); /* a browser closing a page is no reason to die */

	cv_serve_opts o = {.path = path, .host = host, .port = (int)port, .tpl_dir = tpl_dir,
			   .year_now = cli_year_now(), .log = S_log};
	cv_serve *srv;
	char err[1024];
	if (cv_serve_start(&o, set, &srv, err, sizeof err) != 0) {
		fprintf(stderr, "congvan: %s\n", err);
		pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
		return EXIT_BAD_INPUT;
	}
	if (strncmp(cv_serve_url(srv), "http://127.", 11) && strncmp(cv_serve_url(srv), "http://[::1]", 12))
		fprintf(stderr, _("congvan: warning: %s is not a loopback address: other machines "
				  "can read these documents\n"), host);
	printf(_("congvan: serving %s at %s\n"), path, cv_serve_url(srv));
	fflush(stdout);
	fputs(_("congvan: press Ctrl-C to stop\n"), stderr);

	int sig = 0;
	while (sigwait(&stop, &sig) != 0)
		;
	cv_serve_stop(srv);
	fprintf(stderr, _("congvan: stopped (%s)\n"), sig == SIGTERM ? "SIGTERM" : "SIGINT");
	return EXIT_OK;
}
