/*
 * table_common.h — shared body of the table-reader harnesses: the input is
 * written to a file with the reader's extension (the readers open paths,
 * as batch does) and read to the end, row by row.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch/table.h"

static int S_read_table(const uint8_t *data, size_t size, const char *ext)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/cv-fuzz-%d%s", (int)getpid(), ext);
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	char err[512];
	cv_rows *t = cv_rows_open(path, NULL, err, sizeof err);
	if (t) {
		const char *const *vals;
		long where;
		int rc, guard = 0;
		while ((rc = cv_rows_next(t, &vals, &where, err, sizeof err)) != CV_ROWS_END &&
		       rc != CV_ROWS_FATAL && guard++ < 100000) {
			if (rc == CV_ROWS_ROW)
				for (size_t i = 0; i < cv_rows_ncols(t); i++)
					if (!vals[i])
						abort(); /* every row has one value per column */
		}
		cv_rows_close(t);
	}
	unlink(path);
	return 0;
}
