/*
 * pdf.c — `--to pdf`: the DOCX converted by LibreOffice (headless), so a
 * finished document can be published or signed.  LibreOffice is run
 * directly (fork + execvp, no shell), in a private temporary folder beside
 * the target, with its own throw-away user profile (so it never clashes
 * with a running LibreOffice); the PDF is then renamed onto the target.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/i18n.h"
#include "cli/cli.h"

/* LibreOffice's executable names on Debian, most specific first. */
static const char *S_office[] = {"soffice", "libreoffice"};

static int S_in_path(const char *name)
{
	const char *path = getenv("PATH");
	if (!path)
		return 0;
	char *copy = cv_xstrdup(path), *save = NULL;
	int found = 0;
	for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char full[4096];
		snprintf(full, sizeof full, "%s/%s", *dir ? dir : ".", name);
		found = access(full, X_OK) == 0;
	}
	free(copy);
	return found;
}

static void S_rmtree(const char *dir)
{
	/* the folder holds only what LibreOffice wrote: the input, the output
	 * and its profile; `rm -r` through exec, still without a shell */
	pid_t pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0) {
			dup2(devnull, 1);
			dup2(devnull, 2);
		}
		execlp("rm", "rm", "-rf", "--", dir, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

int cli_docx_to_pdf(const cv_buf *docx, const char *pdf_path)
{
	const char *office = NULL;
	for (size_t i = 0; i < sizeof S_office / sizeof *S_office && !office; i++)
		if (S_in_path(S_office[i]))
			office = S_office[i];
	if (!office) {
		fprintf(stderr, _("congvan: --to pdf needs LibreOffice, which is not installed: "
				  "apt-get install libreoffice-writer-nogui\n"));
		return -1;
	}
	/* the work folder sits beside the target, so the final rename stays on
	 * one file system */
	char *dirpart = cv_xstrdup(pdf_path);
	char *slash = strrchr(dirpart, '/');
	cv_buf tmpl = CV_BUF_INIT;
	if (slash) {
		*slash = '\0';
		cv_buf_printf(&tmpl, "%s/.congvan-pdf.XXXXXX", *dirpart ? dirpart : "/");
	} else {
		cv_buf_puts(&tmpl, ".congvan-pdf.XXXXXX");
	}
	free(dirpart);
	char *work = cv_buf_detach(&tmpl, NULL);
	if (!mkdtemp(work)) {
		fprintf(stderr, _("congvan: %s: cannot create a work folder for the PDF: %s\n"), pdf_path,
			strerror(errno));
		free(work);
		return -1;
	}
	int rc = -1;
	cv_buf in = CV_BUF_INIT, out = CV_BUF_INIT, profile = CV_BUF_INIT;
	cv_buf_printf(&in, "%s/document.docx", work);
	cv_buf_printf(&out, "%s/document.pdf", work);
	char *abs = realpath(work, NULL);
	cv_buf_printf(&profile, "-env:UserInstallation=file://%s/profile", abs ? abs : work);
	free(abs);
	char err[1024];
	if (cv_write_atomic(in.ptr, docx->ptr ? docx->ptr : "", docx->len, err, sizeof err) != 0) {
		fprintf(stderr, "congvan: %s\n", err);
		goto done;
	}
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, _("congvan: cannot start %s: %s\n"), office, strerror(errno));
		goto done;
	}
	if (pid == 0) {
		/* its chatter ("failed to launch javaldx") is not ours to show;
		 * success is judged by the PDF it leaves */
		int devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 1);
			dup2(devnull, 2);
		}
		execlp(office, office, profile.ptr, "--headless", "--norestore", "--convert-to", "pdf",
		       "--outdir", work, in.ptr, (char *)NULL);
		_exit(127);
	}
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	struct stat sb;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || stat(out.ptr, &sb) != 0 || sb.st_size == 0) {
		fprintf(stderr, _("congvan: %s: LibreOffice could not convert the document to PDF\n"), pdf_path);
		goto done;
	}
	if (rename(out.ptr, pdf_path) != 0) {
		fprintf(stderr, _("congvan: %s: cannot write the PDF: %s\n"), pdf_path, strerror(errno));
		goto done;
	}
	rc = 0;
done:
	S_rmtree(work);
	free(work);
	cv_buf_free(&in);
	cv_buf_free(&out);
	cv_buf_free(&profile);
	return rc;
}
