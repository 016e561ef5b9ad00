/*
 * sse.c — server-sent events: one long response per open page, which says
 * "reload" when the page's document (or, for the index, any document of the
 * folder) or the template set changes.
 *
 * The server runs a thread per connection (serve.c says why), so a stream
 * simply blocks in its reader callback: it waits on the server's condition
 * variable for a template reload or for the stop, and looks at the disk every
 * CV_SRV_TICK_MS.  Nothing is shared between streams but the server's
 * counters, so a page that goes away costs nothing to the others.
 */
#include "serve/serve_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "base/buf.h"

/* A comment line every so often: lets a proxy or the browser know the
 * stream is alive, and lets us notice a page that went away without
 * closing its socket cleanly. */
#define S_PING_MS 10000
/* The index watches a whole folder: walk it less often than a file. */
#define S_TREE_TICKS 4
/* A file that keeps changing for this many ticks is announced anyway. */
#define S_MAX_PENDING_TICKS 5

struct cv_srv_stream {
	cv_serve *srv;
	char *path;             /* the document's realpath; NULL = the folder */
	int fd;                 /* the client's socket (peeked, never read) */
	uint64_t sig;           /* what the page shows */
	uint64_t pending;       /* a newer signature waiting to settle */
	int pending_ticks;
	unsigned long tpl_gen;  /* the template generation the page shows */
	unsigned long events;   /* reloads sent, for the event id */
	unsigned ticks;
	int64_t last_write_ms;
	bool hello_sent;
	char out[128];          /* the next event, and how much was sent */
	size_t out_len, out_pos;
};

static uint64_t S_sig(const cv_srv_stream *st)
{
	if (st->path)
		return cv_srv_sig_file(st->path);
	return cv_srv_sig_tree(st->srv->root, CV_SRV_WALK_DOCS);
}

cv_srv_stream *cv_srv_sse_open(cv_serve *s, const char *path, int fd)
{
	cv_srv_stream *st = cv_xcalloc(1, sizeof *st);
	st->srv = s;
	st->path = path ? cv_xstrdup(path) : NULL;
	st->fd = fd;
	st->sig = st->pending = S_sig(st);
	pthread_mutex_lock(&s->mu);
	st->tpl_gen = s->tpl_gen;
	pthread_mutex_unlock(&s->mu);
	st->last_write_ms = cv_srv_now_ms();
	return st;
}

void cv_srv_sse_free(void *cls)
{
	cv_srv_stream *st = cls;
	free(st->path);
	free(st);
}

/* Has the page gone away?  A closed socket reads as end of file; peeking
 * (MSG_PEEK) leaves any byte for libmicrohttpd. */
static bool S_client_gone(const cv_srv_stream *st)
{
	if (st->fd < 0)
		return false;
	char c;
	ssize_t n = recv(st->fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
	if (n == 0)
		return true;
	return n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
}

static void S_queue(cv_srv_stream *st, const char *text)
{
	int n = snprintf(st->out, sizeof st->out, "%s", text);
	st->out_len = n < 0 ? 0 : (size_t)n;
	st->out_pos = 0;
}

static void S_queue_reload(cv_srv_stream *st)
{
	st->events++;
	int n = snprintf(st->out, sizeof st->out, "id: %lu\nevent: reload\ndata: changed\n\n",
			 st->events);
	st->out_len = n < 0 ? 0 : (size_t)n;
	st->out_pos = 0;
}

/* Decide what to say next; false when the stream must end. */
static bool S_wait_event(cv_srv_stream *st)
{
	cv_serve *s = st->srv;
	for (;;) {
		pthread_mutex_lock(&s->mu);
		if (!s->stopping) {
			struct timespec ts;
			cv_srv_deadline(&ts, CV_SRV_TICK_MS);
			pthread_cond_timedwait(&s->cond, &s->mu, &ts);
		}
		bool stopping = s->stopping;
		unsigned long gen = s->tpl_gen;
		pthread_mutex_unlock(&s->mu);
		if (stopping || S_client_gone(st))
			return false;

		if (gen != st->tpl_gen) {
			st->tpl_gen = gen;
			st->sig = st->pending = S_sig(st);
			S_queue_reload(st);
			return true;
		}
		st->ticks++;
		if (st->path || st->ticks % S_TREE_TICKS == 0) {
			uint64_t now = S_sig(st);
			if (now == st->sig) {
				st->pending = now;
				st->pending_ticks = 0;
			} else if (now != st->pending && st->pending_ticks < S_MAX_PENDING_TICKS) {
				st->pending = now; /* still being written: wait a tick */
				st->pending_ticks++;
			} else {
				st->sig = st->pending = now;
				st->pending_ticks = 0;
				S_queue_reload(st);
				return true;
			}
		}
		if (cv_srv_now_ms() - st->last_write_ms >= S_PING_MS) {
			S_queue(st, ": ping\n\n");
			return true;
		}
	}
}

ssize_t cv_srv_sse_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	cv_srv_stream *st = cls;
	(void)pos;
	if (!st->hello_sent) {
		/* at once, so the browser's EventSource opens (and curl shows the
		 * stream) before anything changes; retry: reconnect after 1 s
		 * when the server restarts */
		st->hello_sent = true;
		S_queue(st, "retry: 1000\n: congvan live reload\n\n");
	} else if (st->out_pos >= st->out_len && !S_wait_event(st)) {
		return -1; /* MHD_CONTENT_READER_END_OF_STREAM */
	}
	size_t n = st->out_len - st->out_pos;
	if (n > max)
		n = max;
	memcpy(buf, st->out + st->out_pos, n);
	st->out_pos += n;
	st->last_write_ms = cv_srv_now_ms();
	return (ssize_t)n;
}
