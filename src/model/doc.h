/*
 * doc.h — the document model: what a văn bản says, independent of layout.
 *
 * Pipeline: read/ fills it (front matter → cv_ynode tree → cv_meta; Markdown
 * body → cv_body), model/nd30.c derives the printed forms of the fields
 * (số line, date line, upper-case agency lines, …), render/ writes DOCX and
 * HTML from it through templates.
 *
 * Ownership: every pointer in these structs points into the cv_arena that
 * was passed to the reader; the arena's owner frees everything at once.
 * Invariants: all text is valid UTF-8 in NFC; positions are 1-based
 * line/column (column in code points) in the input file.
 */
#ifndef CV_DOC_H
#define CV_DOC_H

#include <stdbool.h>
#include <stddef.h>

/* ---- front matter: a YAML tree with positions ---------------------------- */

typedef enum { CV_Y_SCALAR, CV_Y_SEQ, CV_Y_MAP } cv_ykind;

typedef struct cv_ynode cv_ynode;
struct cv_ynode {
	cv_ykind kind;
	const char *text;     /* SCALAR: the value, NFC */
	bool plain;           /* SCALAR written without quotes (so `true`, `5` are typed) */
	cv_ynode **items;     /* SEQ items; MAP values */
	const char **keys;    /* MAP keys */
	int *key_line, *key_col; /* MAP: position of each key */
	size_t n;
	int line, col;        /* position of the value */
};

/* ---- body: blocks of inline runs ------------------------------------------ */

typedef struct cv_run {
	const char *text; /* NFC text; NULL for a line break */
	bool bold, italic;
} cv_run;

typedef struct cv_inlines {
	cv_run *runs;
	size_t n, cap;
} cv_inlines;

typedef enum {
	CV_BLOCK_PARA,    /* body paragraph: justified, first-line indent */
	CV_BLOCK_HEADING, /* a Markdown heading: bold paragraph */
	CV_BLOCK_ITEM,    /* paragraph led by the marker the author typed: "1.", "a)", "-", "+" */
	CV_BLOCK_CODE,    /* preformatted text, kept line by line */
	CV_BLOCK_TABLE
} cv_block_kind;

typedef enum { CV_ALIGN_NONE, CV_ALIGN_LEFT, CV_ALIGN_CENTER, CV_ALIGN_RIGHT } cv_align;

typedef struct cv_table {
	size_t ncols, nrows;
	size_t header_rows; /* leading rows that repeat on each page */
	cv_align *align;    /* ncols */
	cv_inlines *cells;  /* nrows × ncols, row-major */
} cv_table;

typedef struct cv_block {
	cv_block_kind kind;
	int level;          /* HEADING: 1–6; ITEM: list nesting depth, 0 = outermost */
	int quote;          /* block-quote depth (each level indents) */
	const char *marker; /* ITEM: the typed marker, e.g. "2.", "-", "+" */
	cv_inlines in;      /* PARA, HEADING, ITEM, CODE */
	cv_table *table;    /* TABLE */
	int line;           /* source line */
} cv_block;

typedef struct cv_body {
	cv_block *blocks;
	size_t n, cap;
} cv_body;

/* ---- typed front matter ------------------------------------------------- */

/* A value with the position it came from (line 0 = absent). */
typedef struct cv_str {
	const char *s;
	int line, col;
} cv_str;

typedef struct cv_strs {
	cv_str *v;
	size_t n;
	int line, col; /* position of the whole value */
	bool explicit_lines; /* given as a YAML list: the user chose the lines */
} cv_strs;

typedef struct cv_sign {
	cv_str quyen_han;        /* "KT", "TM", "TL", "TUQ", "Q" or absent */
	cv_str chuc_vu_cap_tren; /* the head's title, or the collective for TM */
	cv_str chuc_vu;          /* the signer's own title */
	cv_str ho_ten;
	cv_str tap_the;          /* TM. + KT.: the collective above the KT. lines */
	int line, col;
} cv_sign;

typedef struct cv_meta {
	cv_str loai;        /* template name, default "cong-van" */
	cv_str profile;     /* "nd30" (default) or "tt01" */
	cv_strs co_quan_chu_quan, co_quan;
	cv_str so;          /* digits, or absent for a draft */
	cv_str ky_hieu;
	cv_str dia_danh;
	cv_str ngay;        /* ISO date as written */
	int year, month, day; /* parsed `ngay`; 0 when absent */
	int nam;            /* year for a draft date line; 0 = current year */
	cv_str dong_ngay;   /* date line printed verbatim */
	cv_str trich_yeu;
	cv_strs kinh_gui;
	bool kinh_gui_list; /* given as a list (several recipients) */
	cv_strs noi_nhan;
	cv_str luu;
	cv_sign ky;
	cv_str do_khan, do_mat;
	cv_str du_thao;     /* text of the draft mark; absent = not a draft */
	cv_str nguoi_soan;
	cv_str so_ban;
	cv_str lh_dia_chi, lh_dien_thoai, lh_fax, lh_email, lh_website;
	int co_chu;         /* body size in pt: 13 or 14 */
	int gian_dong;      /* line spacing in 240ths of a line (240 = single) */
	/* Fields of the typed documents, read only when the type's type.yaml
	 * lists them (docs/format.md §9).  The simple text fields of the forms
	 * (giấy mời, giấy nghỉ phép, …) are checked by meta.c and read by the
	 * templates from the front matter. */
	cv_str ten_loai;    /* the tên loại as printed, instead of the type's */
	cv_strs tham_quyen; /* the issuing authority (QĐ, NQ) or the sender (công điện); lines */
	cv_strs can_cu;     /* căn cứ lines */
	cv_strs de_nghi;    /* "Theo đề nghị …", "Xét …" lines after the căn cứ */
	cv_str kem_theo;    /* issued with a decision: the decision */
	cv_strs dien_gui;   /* công điện: the recipients */
	cv_sign ky_thu_ky, ky_chu_toa; /* biên bản: the two signatures */
	cv_str ban_goc;     /* copies: path of the original, as written */
} cv_meta;

typedef struct cv_doc {
	const char *file; /* name for messages */
	const char *src;  /* whole input text */
	size_t src_len;
	cv_ynode *fm;     /* front matter tree (root map), for templates' extra fields */
	cv_meta meta;
	cv_body body;
	int body_line;    /* input line where the body starts */
} cv_doc;

#endif
