/*
 * dl_mhd.h — libmicrohttpd, loaded when first used (see base/dl.h).
 *
 * Include it instead of libmicrohttpd's headers: it includes them, then turns
 * every call of the functions below into a call through the table that
 * cv_dl_mhd() fills on first use.  Used by serve/serve.c.
 * A function of the library that is not listed here would be linked to
 * nothing: add it to both lists.
 */
#ifndef CV_DL_MHD_H
#define CV_DL_MHD_H

#include <microhttpd.h>

#include "base/dl.h"

#ifndef CV_SONAME_MHD
#define CV_SONAME_MHD "libmicrohttpd.so.12"
#endif

#define CV_DL_MHD_FUNCS(X) \
	X(MHD_add_response_header) \
	X(MHD_create_response_from_buffer) \
	X(MHD_create_response_from_callback) \
	X(MHD_destroy_response) \
	X(MHD_get_connection_info) \
	X(MHD_get_daemon_info) \
	X(MHD_lookup_connection_value) \
	X(MHD_queue_response) \
	X(MHD_start_daemon) \
	X(MHD_stop_daemon)

/* one pointer per function (per variable), typed by the library's declaration */
struct cv_dl_mhd {
#define CV_DL_FIELD(f) __typeof__(f) *f;
	CV_DL_MHD_FUNCS(CV_DL_FIELD)
#undef CV_DL_FIELD
};

/* The table, filled on the first call (thread-safe). */
const struct cv_dl_mhd *cv_dl_mhd(void);

#ifndef CV_DL_NO_MACROS
#define MHD_add_response_header(...) (cv_dl_mhd()->MHD_add_response_header(__VA_ARGS__))
#define MHD_create_response_from_buffer(...) (cv_dl_mhd()->MHD_create_response_from_buffer(__VA_ARGS__))
#define MHD_create_response_from_callback(...) (cv_dl_mhd()->MHD_create_response_from_callback(__VA_ARGS__))
#define MHD_destroy_response(...) (cv_dl_mhd()->MHD_destroy_response(__VA_ARGS__))
#define MHD_get_connection_info(...) (cv_dl_mhd()->MHD_get_connection_info(__VA_ARGS__))
#define MHD_get_daemon_info(...) (cv_dl_mhd()->MHD_get_daemon_info(__VA_ARGS__))
#define MHD_lookup_connection_value(...) (cv_dl_mhd()->MHD_lookup_connection_value(__VA_ARGS__))
#define MHD_queue_response(...) (cv_dl_mhd()->MHD_queue_response(__VA_ARGS__))
#define MHD_start_daemon(...) (cv_dl_mhd()->MHD_start_daemon(__VA_ARGS__))
#define MHD_stop_daemon(...) (cv_dl_mhd()->MHD_stop_daemon(__VA_ARGS__))
#endif

#endif
