/*
 * dl_zip.h — libzip, loaded when first used (see base/dl.h).
 *
 * Include it instead of libzip's headers: it includes them, then turns
 * every call of the functions below into a call through the table that
 * cv_dl_zip() fills on first use.  Used by batch/pack.c (--merge, --zip), batch/table_xlsx.c (XLSX).
 * A function of the library that is not listed here would be linked to
 * nothing: add it to both lists.
 */
#ifndef CV_DL_ZIP_H
#define CV_DL_ZIP_H

#include <zip.h>

#include "base/dl.h"

#ifndef CV_SONAME_ZIP
#define CV_SONAME_ZIP "libzip.so.4"
#endif

#define CV_DL_ZIP_FUNCS(X) \
	X(zip_close) \
	X(zip_discard) \
	X(zip_error_fini) \
	X(zip_error_init) \
	X(zip_error_init_with_code) \
	X(zip_error_strerror) \
	X(zip_fclose) \
	X(zip_file_add) \
	X(zip_file_set_mtime) \
	X(zip_fopen) \
	X(zip_fread) \
	X(zip_get_name) \
	X(zip_get_num_entries) \
	X(zip_open) \
	X(zip_open_from_source) \
	X(zip_register_cancel_callback_with_state) \
	X(zip_set_file_compression) \
	X(zip_source_buffer) \
	X(zip_source_buffer_create) \
	X(zip_source_file) \
	X(zip_source_filep) \
	X(zip_source_free) \
	X(zip_stat) \
	X(zip_strerror)

/* one pointer per function (per variable), typed by the library's declaration */
struct cv_dl_zip {
#define CV_DL_FIELD(f) __typeof__(f) *f;
	CV_DL_ZIP_FUNCS(CV_DL_FIELD)
#undef CV_DL_FIELD
};

/* The table, filled on the first call (thread-safe). */
const struct cv_dl_zip *cv_dl_zip(void);

#ifndef CV_DL_NO_MACROS
#define zip_close(...) (cv_dl_zip()->zip_close(__VA_ARGS__))
#define zip_discard(...) (cv_dl_zip()->zip_discard(__VA_ARGS__))
#define zip_error_fini(...) (cv_dl_zip()->zip_error_fini(__VA_ARGS__))
#define zip_error_init(...) (cv_dl_zip()->zip_error_init(__VA_ARGS__))
#define zip_error_init_with_code(...) (cv_dl_zip()->zip_error_init_with_code(__VA_ARGS__))
#define zip_error_strerror(...) (cv_dl_zip()->zip_error_strerror(__VA_ARGS__))
#define zip_fclose(...) (cv_dl_zip()->zip_fclose(__VA_ARGS__))
#define zip_file_add(...) (cv_dl_zip()->zip_file_add(__VA_ARGS__))
#define zip_file_set_mtime(...) (cv_dl_zip()->zip_file_set_mtime(__VA_ARGS__))
#define zip_fopen(...) (cv_dl_zip()->zip_fopen(__VA_ARGS__))
#define zip_fread(...) (cv_dl_zip()->zip_fread(__VA_ARGS__))
#define zip_get_name(...) (cv_dl_zip()->zip_get_name(__VA_ARGS__))
#define zip_get_num_entries(...) (cv_dl_zip()->zip_get_num_entries(__VA_ARGS__))
#define zip_open(...) (cv_dl_zip()->zip_open(__VA_ARGS__))
#define zip_open_from_source(...) (cv_dl_zip()->zip_open_from_source(__VA_ARGS__))
#define zip_register_cancel_callback_with_state(...) (cv_dl_zip()->zip_register_cancel_callback_with_state(__VA_ARGS__))
#define zip_set_file_compression(...) (cv_dl_zip()->zip_set_file_compression(__VA_ARGS__))
#define zip_source_buffer(...) (cv_dl_zip()->zip_source_buffer(__VA_ARGS__))
#define zip_source_buffer_create(...) (cv_dl_zip()->zip_source_buffer_create(__VA_ARGS__))
#define zip_source_file(...) (cv_dl_zip()->zip_source_file(__VA_ARGS__))
#define zip_source_filep(...) (cv_dl_zip()->zip_source_filep(__VA_ARGS__))
#define zip_source_free(...) (cv_dl_zip()->zip_source_free(__VA_ARGS__))
#define zip_stat(...) (cv_dl_zip()->zip_stat(__VA_ARGS__))
#define zip_strerror(...) (cv_dl_zip()->zip_strerror(__VA_ARGS__))
#endif

/* The whole entry `name` of za into b (NUL-terminated, replacing what b
 * held); -1 when it is absent, unreadable or larger than max bytes.  Shared
 * by the readers of packages (XLSX tables, DOCX bodies for --merge). */
struct cv_buf;
int cv_zip_read_entry(zip_t *za, const char *name, zip_uint64_t max, struct cv_buf *b);

#endif
