/*
 * table_xlsx.c — XLSX tables (Office Open XML spreadsheets), the form in
 * which Vietnamese offices keep their lists.  The package is read with
 * libzip and each part with libxml2's streaming reader (xmlTextReader), so
 * a sheet of any length is read one row at a time:
 *
 *   _rels/.rels → xl/workbook.xml (sheet names) → xl/_rels/workbook.xml.rels
 *   → the sheet part; xl/sharedStrings.xml (strings held once, by index);
 *   xl/styles.xml (which cell styles are dates).
 *
 * Cells are placed by their reference ("C7" is column 3), so cells left out
 * of the file are empty.  The first non-empty row names the columns.
 * Strings come from the shared table or inline (<is>); numbers as written
 * (beyond Excel's 15 significant digits, as Excel shows them); cells with a
 * date format as YYYY-MM-DD, which is what `ngay` wants; TRUE/FALSE for
 * booleans; an error value (#N/A) spoils its row.
 */
#include "batch/table_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/dl_xml2.h" /* libxml2 and libzip, loaded on first use (base/dl.h) */
#include "base/dl_zip.h"

#include "base/i18n.h"

/* Parts read whole (workbook, relationships, styles) are a few kilobytes;
 * this bounds a hostile package. */
#define XLSX_PART_MAX ((zip_uint64_t)16 * 1024 * 1024)
/* All shared strings are kept for the sheet's references to them; a list
 * of letters needs a few megabytes at most, this bounds a zip bomb. */
#define XLSX_SST_MAX_BYTES ((size_t)64 * 1024 * 1024)
/* Excel's own limit (XFD). */
#define XLSX_MAX_COLUMN 16384
/* Excel shows at most 15 significant digits; longer numbers in the file are
 * binary-floating-point artefacts (0.30000000000000004). */
#define XLSX_SIGNIFICANT 15

typedef struct {
	zip_t *za;
	zip_file_t *zf;        /* the sheet, streamed */
	xmlTextReaderPtr r;
	char *sheet;           /* its name */
	cv_buf sst;            /* shared strings, each NUL-terminated */
	size_t *sst_off, sst_n, sst_cap;
	unsigned char *xf_date; /* cell style index → is a date */
	size_t nxf;
	bool date1904;
	int *colmap;           /* sheet column → table column, or -1 */
	size_t ncolmap;
	char xml_err[256];     /* last libxml2 error on the sheet */
	/* the row being read */
	cv_buf vals;           /* cell values, each NUL-terminated */
	size_t *vcol, *voff, nv, vcap;
	long last_row;
} S_xlsx;

/* ---- zip and XML plumbing ------------------------------------------------ */


static int S_zip_read(void *ctx, char *buf, int len)
{
	zip_int64_t n = zip_fread((zip_file_t *)ctx, buf, (zip_uint64_t)len);
	return n < 0 ? -1 : (int)n;
}

static int S_zip_close(void *ctx)
{
	(void)ctx; /* closed with the table */
	return 0;
}

static void S_reader_error(void *arg, const char *msg, xmlParserSeverities sev, xmlTextReaderLocatorPtr loc)
{
	S_xlsx *x = arg;
	if (sev != XML_PARSER_SEVERITY_ERROR && sev != XML_PARSER_SEVERITY_VALIDITY_ERROR)
		return;
	snprintf(x->xml_err, sizeof x->xml_err, _("line %d: %s"), xmlTextReaderLocatorLineNumber(loc), msg);
	size_t n = strlen(x->xml_err);
	while (n && (x->xml_err[n - 1] == '\n' || x->xml_err[n - 1] == ' '))
		x->xml_err[--n] = '\0';
}

/* No network, no entities, no DTD: packages come from anywhere. */
#define XLSX_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT)

static xmlTextReaderPtr S_reader_mem(const cv_buf *b, const char *name)
{
	return xmlReaderForMemory(b->ptr ? b->ptr : "", (int)b->len, name, NULL, XLSX_XML_OPTIONS);
}

static const char *S_local(xmlTextReaderPtr r)
{
	const xmlChar *n = xmlTextReaderConstLocalName(r);
	return n ? (const char *)n : "";
}

/* Attribute by local name (prefix ignored: r:id, id), malloc'd or NULL. */
static char *S_attr(xmlTextReaderPtr r, const char *local)
{
	char *v = NULL;
	if (xmlTextReaderMoveToFirstAttribute(r) == 1) {
		do {
			if (!strcmp(S_local(r), local)) {
				const xmlChar *s = xmlTextReaderConstValue(r);
				v = cv_xstrdup(s ? (const char *)s : "");
				break;
			}
		} while (xmlTextReaderMoveToNextAttribute(r) == 1);
		xmlTextReaderMoveToElement(r);
	}
	return v;
}

/* "xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml";
 * an absolute target ("/xl/…") is taken from the root. */
static char *S_resolve(const char *base_part, const char *target)
{
	cv_buf b = CV_BUF_INIT;
	if (target[0] == '/') {
		cv_buf_puts(&b, target + 1);
	} else {
		const char *slash = strrchr(base_part, '/');
		if (slash)
			cv_buf_put(&b, base_part, (size_t)(slash - base_part) + 1);
		for (const char *t = target; *t;) {
			if (!strncmp(t, "../", 3)) {
				/* drop the last folder of b */
				if (b.len)
					b.len--;
				while (b.len && b.ptr[b.len - 1] != '/')
					b.len--;
				t += 3;
			} else if (!strncmp(t, "./", 2)) {
				t += 2;
			} else {
				cv_buf_putc(&b, *t++);
			}
		}
	}
	cv_buf_putc(&b, '\0');
	return cv_buf_detach(&b, NULL);
}

/* The relationship of part `rels` with Id `id` (or, when id is NULL, the
 * first whose Type ends with `type_suffix`): its target resolved against
 * `source`, malloc'd; NULL when absent. */
static char *S_rel_target(zip_t *za, const char *rels, const char *source, const char *id,
			  const char *type_suffix)
{
	cv_buf b = CV_BUF_INIT;
	char *found = NULL;
	if (cv_zip_read_entry(za, rels, XLSX_PART_MAX, &b) == 0) {
		xmlTextReaderPtr r = S_reader_mem(&b, rels);
		while (r && !found && xmlTextReaderRead(r) == 1) {
			if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || strcmp(S_local(r), "Relationship"))
				continue;
			char *rid = S_attr(r, "Id"), *type = S_attr(r, "Type"), *target = S_attr(r, "Target");
			size_t tl = type ? strlen(type) : 0, sl = type_suffix ? strlen(type_suffix) : 0;
			bool match = id ? rid && !strcmp(rid, id)
					: type && tl >= sl && !strcmp(type + tl - sl, type_suffix);
			if (match && target)
				found = S_resolve(source, target);
			free(rid);
			free(type);
			free(target);
		}
		xmlFreeTextReader(r);
	}
	cv_buf_free(&b);
	return found;
}

/* ---- shared strings and styles ------------------------------------------ */

/* Text of the current element's <t> descendants, skipping phonetic runs
 * (<rPh>): the reader is on a start tag (<si>, <is>); stops after its end. */
static int S_rich_text(xmlTextReaderPtr r, cv_buf *out, size_t max)
{
	if (xmlTextReaderIsEmptyElement(r))
		return 0;
	int depth = xmlTextReaderDepth(r), rph = 0, in_t = 0, rc;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *n = S_local(r);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (xmlTextReaderDepth(r) == depth)
				return 0;
			if (!strcmp(n, "rPh"))
				rph = 0;
			else if (!strcmp(n, "t"))
				in_t = 0;
		} else if (type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement(r)) {
			if (!strcmp(n, "rPh"))
				rph = 1;
			else if (!strcmp(n, "t"))
				in_t = 1;
		} else if (in_t && !rph &&
			   (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
			    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE)) {
			const xmlChar *v = xmlTextReaderConstValue(r);
			if (v)
				cv_buf_puts(out, (const char *)v);
			if (out->len > max)
				return -1;
		}
	}
	return rc < 0 ? -1 : 0;
}

static int S_load_sst(S_xlsx *x, const char *part, const char *path, char *err, size_t errlen)
{
	zip_file_t *zf = zip_fopen(x->za, part, 0);
	if (!zf)
		return 0; /* no shared strings: every string is inline */
	xmlTextReaderPtr r = xmlReaderForIO(S_zip_read, S_zip_close, zf, part, NULL, XLSX_XML_OPTIONS);
	int rc = r ? 1 : -1;
	while (r && (rc = xmlTextReaderRead(r)) == 1) {
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) {
			rc = -1;
			break;
		}
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || strcmp(S_local(r), "si"))
			continue;
		if (x->sst_n == x->sst_cap) {
			x->sst_cap = x->sst_cap ? 2 * x->sst_cap : 256;
			x->sst_off = cv_xrealloc(x->sst_off, x->sst_cap * sizeof *x->sst_off);
		}
		x->sst_off[x->sst_n++] = x->sst.len;
		if (S_rich_text(r, &x->sst, XLSX_SST_MAX_BYTES) != 0) {
			rc = -1;
			break;
		}
		cv_buf_putc(&x->sst, '\0');
	}
	xmlFreeTextReader(r);
	zip_fclose(zf);
	if (rc < 0) {
		snprintf(err, errlen, "%s: %s: %s", path, part,
			 x->sst.len > XLSX_SST_MAX_BYTES ? _("shared strings larger than 64 MiB")
							 : _("not well-formed XML (is the file damaged?)"));
		return -1;
	}
	return 0;
}

/* Built-in number formats that show a date (ECMA-376 §18.8.30; 27–36 and
 * 50–58 are the East Asian date formats). */
static bool S_builtin_date(long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* Does a custom format code show a date?  Quoted text, [colours/locales]
 * and escaped characters aside, a d or y means a date ("m" alone may be
 * minutes). */
static bool S_code_is_date(const char *code)
{
	bool date = false;
	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			p = strchr(p + 1, '"');
			if (!p)
				break;
		} else if (*p == '[') {
			p = strchr(p + 1, ']');
			if (!p)
				break;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == ';') {
			break; /* the first section decides */
		} else if (strchr("dDyY", *p)) {
			date = true;
		}
	}
	return date;
}

static void S_load_styles(S_xlsx *x, const char *part)
{
	cv_buf b = CV_BUF_INIT;
	if (cv_zip_read_entry(x->za, part, XLSX_PART_MAX, &b) != 0) {
		cv_buf_free(&b);
		return;
	}
	long fmt_ids[512];
	bool fmt_date[512];
	size_t nfmt = 0, cap = 0;
	bool in_xfs = false;
	xmlTextReaderPtr r = S_reader_mem(&b, part);
	while (r && xmlTextReaderRead(r) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *n = S_local(r);
		if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(n, "cellXfs"))
			in_xfs = false;
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (!strcmp(n, "numFmt") && nfmt < sizeof fmt_ids / sizeof fmt_ids[0]) {
			char *id = S_attr(r, "numFmtId"), *code = S_attr(r, "formatCode");
			if (id && code) {
				fmt_ids[nfmt] = strtol(id, NULL, 10);
				fmt_date[nfmt++] = S_code_is_date(code);
			}
			free(id);
			free(code);
		} else if (!strcmp(n, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(r);
		} else if (in_xfs && !strcmp(n, "xf")) {
			char *id = S_attr(r, "numFmtId");
			long fid = id ? strtol(id, NULL, 10) : 0;
			free(id);
			bool date = S_builtin_date(fid);
			for (size_t i = 0; i < nfmt; i++)
				if (fmt_ids[i] == fid)
					date = fmt_date[i];
			if (x->nxf == cap) {
				cap = cap ? 2 * cap : 64;
				x->xf_date = cv_xrealloc(x->xf_date, cap);
			}
			x->xf_date[x->nxf++] = date;
		}
	}
	xmlFreeTextReader(r);
	cv_buf_free(&b);
}

/* ---- cell values ---------------------------------------------------------- */

/* "C7" → column 2 (0-based) and row 7; -1 when not a reference. */
static long S_ref(const char *ref, long *row)
{
	long col = 0;
	const char *p = ref;
	while (isalpha((unsigned char)*p)) {
		col = col * 26 + (toupper((unsigned char)*p) - 'A' + 1);
		if (col > XLSX_MAX_COLUMN)
			return -1;
		p++;
	}
	if (p == ref)
		return -1;
	*row = strtol(p, NULL, 10);
	return col - 1;
}

/* Column letters of a 0-based index, for messages. */
static void S_letters(long col, char out[8])
{
	char tmp[8];
	int n = 0;
	for (col++; col > 0 && n < 7; col = (col - 1) / 26)
		tmp[n++] = (char)('A' + (col - 1) % 26);
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* Days since 1970-01-01 → civil date (H. Hinnant's algorithm). */
static void S_civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A number as text: as written, unless it carries more digits than Excel
 * shows. */
static void S_number(const char *v, cv_buf *out)
{
	size_t digits = 0;
	const char *p = v;
	if (*p == '-')
		p++;
	while (*p == '0' || *p == '.')
		p++;
	for (; *p && *p != 'E' && *p != 'e'; p++)
		digits += isdigit((unsigned char)*p) != 0;
	char *end;
	double d = strtod(v, &end);
	if (digits > XLSX_SIGNIFICANT && *end == '\0' && isfinite(d)) {
		char tmp[64];
		snprintf(tmp, sizeof tmp, "%.*g", XLSX_SIGNIFICANT, d);
		cv_buf_puts(out, tmp);
	} else {
		cv_buf_puts(out, v);
	}
}

/* The serial number of a date cell as YYYY-MM-DD (the time of day, if any,
 * is dropped: `ngay` is a date).  -1 when out of range. */
static int S_date(const S_xlsx *x, const char *v, cv_buf *out)
{
	char *end;
	double serial = strtod(v, &end);
	if (*end || !isfinite(serial) || serial < 1 || serial > 2958465) /* 9999-12-31 */
		return -1;
	long days = (long)floor(serial);
	long epoch; /* days from 1970-01-01 to the day before serial 1 */
	if (x->date1904) {
		epoch = -24107; /* 1904-01-01 is serial 0 */
	} else {
		/* Excel counts a 29 February 1900 that never was (serial 60) */
		if (days == 60)
			return -1;
		epoch = days < 60 ? -25568 : -25569; /* 1899-12-31 / 1899-12-30 is serial 0 */
	}
	int y, m, d;
	S_civil(days + epoch, &y, &m, &d);
	char tmp[16];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	cv_buf_puts(out, tmp);
	return 0;
}

/* ---- rows ------------------------------------------------------------------ */

static void S_row_reset(S_xlsx *x)
{
	cv_buf_clear(&x->vals);
	x->nv = 0;
}

static void S_row_add(S_xlsx *x, long col, const char *s, size_t n)
{
	if (x->nv == x->vcap) {
		x->vcap = x->vcap ? 2 * x->vcap : 64;
		x->vcol = cv_xrealloc(x->vcol, x->vcap * sizeof *x->vcol);
		x->voff = cv_xrealloc(x->voff, x->vcap * sizeof *x->voff);
	}
	x->vcol[x->nv] = (size_t)col;
	x->voff[x->nv++] = x->vals.len;
	cv_buf_put(&x->vals, s, n);
	cv_buf_putc(&x->vals, '\0');
}

/* Read the next row with at least one cell into x->vals.  Returns ROW, END,
 * BAD (a cell could not be read; err set) or FATAL. */
static int S_read_row(cv_rows *t, S_xlsx *x, char *err, size_t errlen)
{
	xmlTextReaderPtr r = x->r;
	cv_buf text = CV_BUF_INIT, val = CV_BUF_INIT;
	long row = 0, col = -1;
	char *ctype = NULL;
	long cstyle = 0;
	bool in_row = false, in_v = false, bad = false;
	int rc, result = CV_ROWS_END;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *n = S_local(r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			snprintf(x->xml_err, sizeof x->xml_err, _("a DTD, which no spreadsheet has"));
			rc = -1;
			break;
		}
		if (type == XML_READER_TYPE_ELEMENT) {
			bool empty = xmlTextReaderIsEmptyElement(r);
			if (!strcmp(n, "row")) {
				char *ra = S_attr(r, "r");
				row = ra ? strtol(ra, NULL, 10) : x->last_row + 1;
				free(ra);
				x->last_row = row;
				col = -1;
				S_row_reset(x);
				in_row = !empty;
			} else if (in_row && !strcmp(n, "c")) {
				char *ra = S_attr(r, "r"), *s = S_attr(r, "s");
				long rr = row;
				col = ra ? S_ref(ra, &rr) : col + 1;
				if (col < 0 || col >= XLSX_MAX_COLUMN) {
					snprintf(err, errlen, _("%s: sheet '%s', row %ld: bad cell reference '%s'"), t->path,
						 x->sheet, row, ra ? ra : "");
					bad = true;
					col = 0;
				}
				free(ctype);
				ctype = S_attr(r, "t");
				cstyle = s ? strtol(s, NULL, 10) : 0;
				free(ra);
				free(s);
				cv_buf_clear(&val);
				cv_buf_clear(&text);
				if (empty)
					continue;
			} else if (in_row && !strcmp(n, "v")) {
				in_v = !empty;
			} else if (in_row && !strcmp(n, "is")) {
				if (S_rich_text(r, &val, CV_ROWS_MAX_CELL) != 0) {
					snprintf(err, errlen, _("%s: sheet '%s', row %ld: a cell longer than 1 MiB"), t->path,
						 x->sheet, row);
					bad = true;
				}
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (!strcmp(n, "v")) {
				in_v = false;
			} else if (in_row && !strcmp(n, "c")) {
				/* the cell's value, by its type */
				cv_buf_clear(&text);
				const char *ty = ctype ? ctype : "n";
				const char *v = cv_buf_cstr(&val);
				char ref[8];
				S_letters(col, ref);
				if (!strcmp(ty, "s")) {
					char *end;
					unsigned long i = strtoul(v, &end, 10);
					if (*end || !*v || i >= x->sst_n) {
						snprintf(err, errlen, _("%s: sheet '%s', cell %s%ld: shared string %s does not exist"),
							 t->path, x->sheet, ref, row, v);
						bad = true;
					} else {
						cv_buf_puts(&text, x->sst.ptr + x->sst_off[i]);
					}
				} else if (!strcmp(ty, "inlineStr")) {
					cv_buf_puts(&text, v); /* <is> was read into val */
				} else if (!strcmp(ty, "b")) {
					cv_buf_puts(&text, !strcmp(v, "1") ? "TRUE" : "FALSE");
				} else if (!strcmp(ty, "e")) {
					snprintf(err, errlen, _("%s: sheet '%s', cell %s%ld holds the error %s"), t->path,
						 x->sheet, ref, row, v);
					bad = true;
				} else if (!strcmp(ty, "n") && *v) {
					if (cstyle >= 0 && (size_t)cstyle < x->nxf && x->xf_date[cstyle]) {
						if (S_date(x, v, &text) != 0) {
							snprintf(err, errlen, _("%s: sheet '%s', cell %s%ld: %s is not a date Excel can show"),
								 t->path, x->sheet, ref, row, v);
							bad = true;
						}
					} else {
						S_number(v, &text);
					}
				} else {
					cv_buf_puts(&text, v); /* str, d (ISO date) */
				}
				if (text.len)
					S_row_add(x, col, text.ptr, text.len);
				cv_buf_clear(&val);
			} else if (in_row && !strcmp(n, "row")) {
				in_row = false;
				if (x->nv || bad) {
					result = bad ? CV_ROWS_BAD : CV_ROWS_ROW;
					break;
				}
			}
		} else if (in_v && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
				    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
				    type == XML_READER_TYPE_WHITESPACE)) {
			const xmlChar *v = xmlTextReaderConstValue(r);
			if (v)
				cv_buf_puts(&val, (const char *)v);
			if (val.len > CV_ROWS_MAX_CELL) {
				snprintf(err, errlen, _("%s: sheet '%s', row %ld: a cell longer than 1 MiB"), t->path,
					 x->sheet, row);
				bad = true;
				cv_buf_clear(&val);
			}
		}
	}
	t->where = row;
	free(ctype);
	cv_buf_free(&text);
	cv_buf_free(&val);
	if (rc < 0) {
		snprintf(err, errlen, _("%s: sheet '%s': not well-formed XML (%s); is the file damaged?"), t->path,
			 x->sheet, x->xml_err[0] ? x->xml_err : _("unknown error"));
		return CV_ROWS_FATAL;
	}
	return result;
}

static int S_next(cv_rows *t, char *err, size_t errlen)
{
	S_xlsx *x = t->impl;
	for (;;) {
		int rc = S_read_row(t, x, err, errlen);
		if (rc != CV_ROWS_ROW)
			return rc;
		cv_rows_row_clear(t);
		for (size_t i = 0; i < x->nv; i++) {
			const char *v = x->vals.ptr + x->voff[i];
			size_t c = x->vcol[i];
			int tc = c < x->ncolmap ? x->colmap[c] : -1;
			if (tc < 0) {
				char ref[8];
				S_letters((long)c, ref);
				snprintf(err, errlen, _("%s: sheet '%s', cell %s%ld has a value, but column %s has no "
					 "name in the first row"), t->path, x->sheet, ref, t->where, ref);
				return CV_ROWS_BAD;
			}
			cv_rows_cell(t, (size_t)tc, v, strlen(v));
		}
		if (cv_rows_row_blank(t) && !t->cell_bad)
			continue;
		return CV_ROWS_ROW;
	}
}

static void S_close(cv_rows *t)
{
	S_xlsx *x = t->impl;
	if (!x)
		return;
	xmlFreeTextReader(x->r);
	if (x->zf)
		zip_fclose(x->zf);
	if (x->za)
		zip_discard(x->za);
	free(x->sheet);
	cv_buf_free(&x->sst);
	free(x->sst_off);
	free(x->xf_date);
	free(x->colmap);
	cv_buf_free(&x->vals);
	free(x->vcol);
	free(x->voff);
	free(x);
}

/* The workbook's sheets: finds `want` (or the first when NULL); sets its
 * name and r:id.  Lists the names in `names` for an error message. */
static int S_find_sheet(zip_t *za, const char *wb_part, const char *want, char **name, char **rid,
			cv_buf *names, bool *date1904)
{
	cv_buf b = CV_BUF_INIT;
	if (cv_zip_read_entry(za, wb_part, XLSX_PART_MAX, &b) != 0) {
		cv_buf_free(&b);
		return -1;
	}
	xmlTextReaderPtr r = S_reader_mem(&b, wb_part);
	while (r && xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		if (!strcmp(S_local(r), "workbookPr")) {
			char *d = S_attr(r, "date1904");
			*date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
			free(d);
		}
		if (strcmp(S_local(r), "sheet"))
			continue;
		char *n = S_attr(r, "name"), *id = S_attr(r, "id");
		cv_buf_puts(names, names->len ? ", '" : "'");
		cv_buf_puts(names, n ? n : "");
		cv_buf_puts(names, "'");
		if (!*name && n && id && (!want || !strcmp(n, want))) {
			*name = n;
			*rid = id;
		} else {
			free(n);
			free(id);
		}
	}
	xmlFreeTextReader(r);
	cv_buf_free(&b);
	return 0;
}

cv_rows *cv_rows_open_xlsx(const char *path, const char *sheet, char *err, size_t errlen)
{
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);
	if (!za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		snprintf(err, errlen, _("%s: cannot open as XLSX: %s"), path,
			 zerr == ZIP_ER_NOZIP ? _("not a zip package (is it an old .xls saved under another name?)")
					      : zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return NULL;
	}
	cv_rows *t = cv_rows_new(path, N_("row"));
	S_xlsx *x = cv_xcalloc(1, sizeof *x);
	t->impl = x;
	t->next = S_next;
	t->close = S_close;
	x->za = za;

	char *wb = S_rel_target(za, "_rels/.rels", "", NULL, "/officeDocument");
	if (!wb)
		wb = cv_xstrdup("xl/workbook.xml");
	char *slash = strrchr(wb, '/');
	cv_buf rels = CV_BUF_INIT, names = CV_BUF_INIT;
	if (slash)
		cv_buf_put(&rels, wb, (size_t)(slash - wb) + 1);
	cv_buf_puts(&rels, "_rels/");
	cv_buf_puts(&rels, slash ? slash + 1 : wb);
	cv_buf_puts(&rels, ".rels");
	char *rid = NULL, *part = NULL, *sst = NULL, *styles = NULL;
	if (S_find_sheet(za, wb, sheet, &x->sheet, &rid, &names, &x->date1904) != 0) {
		snprintf(err, errlen, _("%s: no workbook part (%s): not a spreadsheet"), path, wb);
		goto fail;
	}
	if (!x->sheet) {
		if (sheet)
			snprintf(err, errlen, _("%s: no sheet named '%s'; the sheets are: %s"), path, sheet,
				 names.len ? cv_buf_cstr(&names) : _("(none)"));
		else
			snprintf(err, errlen, _("%s: the workbook has no sheet"), path);
		goto fail;
	}
	part = S_rel_target(za, cv_buf_cstr(&rels), wb, rid, NULL);
	sst = S_rel_target(za, cv_buf_cstr(&rels), wb, NULL, "/sharedStrings");
	styles = S_rel_target(za, cv_buf_cstr(&rels), wb, NULL, "/styles");
	if (!part || !(x->zf = zip_fopen(za, part, 0))) {
		snprintf(err, errlen, _("%s: sheet '%s': its part %s is missing"), path, x->sheet,
			 part ? part : _("(no relationship)"));
		goto fail;
	}
	if (S_load_sst(x, sst ? sst : "xl/sharedStrings.xml", path, err, errlen) != 0)
		goto fail;
	if (styles)
		S_load_styles(x, styles);
	x->r = xmlReaderForIO(S_zip_read, S_zip_close, x->zf, part, NULL, XLSX_XML_OPTIONS);
	if (!x->r) {
		snprintf(err, errlen, _("%s: sheet '%s': cannot be read"), path, x->sheet);
		goto fail;
	}
	xmlTextReaderSetErrorHandler(x->r, S_reader_error, x);

	/* the first row with a value names the columns */
	int rc = S_read_row(t, x, err, errlen);
	if (rc == CV_ROWS_END)
		snprintf(err, errlen, _("%s: sheet '%s' is empty: its first row names the columns"), path, x->sheet);
	if (rc == CV_ROWS_BAD) {
		char tmp[512];
		snprintf(tmp, sizeof tmp, "%s", err);
		snprintf(err, errlen, _("%s (in the row of column names)"), tmp);
	}
	if (rc != CV_ROWS_ROW)
		goto fail;
	size_t maxcol = 0;
	for (size_t i = 0; i < x->nv; i++)
		if (x->vcol[i] + 1 > maxcol)
			maxcol = x->vcol[i] + 1;
	x->ncolmap = maxcol;
	x->colmap = cv_xcalloc(maxcol, sizeof *x->colmap);
	char **cols = cv_xcalloc(maxcol, sizeof *cols);
	size_t n = 0;
	for (size_t c = 0; c < maxcol; c++)
		x->colmap[c] = -1;
	for (size_t i = 0; i < x->nv; i++) {
		const char *v = x->vals.ptr + x->voff[i];
		const char *s = v;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s && x->colmap[x->vcol[i]] < 0) /* a column without a name is not a column */
			x->colmap[x->vcol[i]] = 0;
	}
	for (size_t c = 0; c < maxcol; c++) {
		if (x->colmap[c] < 0)
			continue;
		x->colmap[c] = (int)n;
		for (size_t i = 0; i < x->nv; i++)
			if (x->vcol[i] == c)
				cols[n] = x->vals.ptr + x->voff[i];
		n++;
	}
	long header_row = t->where;
	rc = cv_rows_set_columns(t, cols, n, err, errlen);
	free(cols);
	if (rc != 0) {
		char tmp[512];
		snprintf(tmp, sizeof tmp, "%s", err);
		snprintf(err, errlen, _("%s (sheet '%s', row %ld)"), tmp, x->sheet, header_row);
		goto fail;
	}
	free(wb);
	free(rid);
	free(part);
	free(sst);
	free(styles);
	cv_buf_free(&rels);
	cv_buf_free(&names);
	return t;
fail:
	free(wb);
	free(rid);
	free(part);
	free(sst);
	free(styles);
	cv_buf_free(&rels);
	cv_buf_free(&names);
	cv_rows_close(t);
	return NULL;
}
