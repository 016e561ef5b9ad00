#!/usr/bin/python3
"""gen-metrics.py - write fonts/liberation-serif-{regular,bold}.h from the TTFs.

congvan sizes the header rules and breaks long agency names from real font
metrics.  LibreOffice (and Word's metric-compatible fallback) sets "Times New
Roman" with Liberation Serif, so its advance widths are what the reader will
see.  Rather than parse TrueType at run time (and depend on the font being
installed where congvan runs) we bake the advances of the code points
Vietnamese official documents use into two small sorted C tables.

Usage (also `make fonts`):
    python3 fonts/gen-metrics.py /usr/share/fonts/truetype/liberation2 fonts

Needs fontTools (Debian: python3-fonttools) and the fonts (Debian:
fonts-liberation2).  Output is deterministic: the same font files give
byte-identical headers (no timestamps, tables sorted by code point).
"""

import os
import sys

try:
    from fontTools.ttLib import TTFont
except ImportError:
    # python3 on PATH may be a pyenv/venv interpreter that does not see the
    # Debian package; the system interpreter does.  Re-run under it once.
    SYS_PY = "/usr/bin/python3"
    if (os.path.exists(SYS_PY) and os.path.realpath(sys.executable) != os.path.realpath(SYS_PY)
            and not os.environ.get("CV_GEN_METRICS_REEXEC")):
        os.environ["CV_GEN_METRICS_REEXEC"] = "1"
        os.execv(SYS_PY, [SYS_PY] + sys.argv)
    sys.exit("gen-metrics.py: fontTools not found (Debian: apt-get install python3-fonttools)")

# Code point ranges (inclusive) worth tabulating: ASCII, Latin-1 and Latin
# Extended-A/B (Đ, Ơ, Ư ...), combining diacritics (decomposed input),
# Latin Extended Additional (the precomposed Vietnamese letters Ạ..ỹ),
# General Punctuation (dashes, quotes, ellipsis, spaces) and the đồng sign.
RANGES = [
    (0x0020, 0x007E),
    (0x00A0, 0x024F),
    (0x0300, 0x036F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20AB, 0x20AB),
]

# (source file, output header, C identifier suffix)
FACES = [
    ("LiberationSerif-Regular.ttf", "liberation-serif-regular.h", "regular"),
    ("LiberationSerif-Bold.ttf", "liberation-serif-bold.h", "bold"),
]


def name_string(font, name_id):
    """First usable name-table string for name_id (Windows Unicode preferred)."""
    name = font["name"]
    rec = name.getName(name_id, 3, 1, 0x409) or name.getName(name_id, 1, 0, 0)
    if rec is None:
        for r in name.names:
            if r.nameID == name_id:
                rec = r
                break
    return rec.toUnicode() if rec is not None else "unknown"


def c_comment_safe(s):
    # A version string never contains "*/", but do not let it end the comment.
    return s.replace("*/", "* /")


def generate(src_dir, out_dir, ttf, header, suffix):
    path = os.path.join(src_dir, ttf)
    font = TTFont(path, lazy=True)
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    version = name_string(font, 5)
    family = name_string(font, 4)

    rows = []
    for lo, hi in RANGES:
        for cp in range(lo, hi + 1):
            glyph = cmap.get(cp)
            if glyph is None:
                continue
            advance, _lsb = hmtx[glyph]
            rows.append((cp, advance))
    rows.sort()

    guard = "CV_FONTS_LIBERATION_SERIF_%s_H" % suffix.upper()
    out = []
    out.append("/*")
    out.append(" * %s - GENERATED FILE, DO NOT EDIT." % header)
    out.append(" *")
    out.append(" * Advance widths of %s (%s), %s," % (family, ttf, c_comment_safe(version)))
    out.append(" * the metric-compatible face LibreOffice uses for \"Times New Roman\"; read")
    out.append(" * by src/model/metrics.c to measure header text.  Regenerate with:")
    out.append(" *     python3 fonts/gen-metrics.py /usr/share/fonts/truetype/liberation2 fonts")
    out.append(" * (or `make fonts`).  Rows: {code point, advance in font units}, sorted by")
    out.append(" * code point for binary search; %d entries." % len(rows))
    out.append(" */")
    out.append("#ifndef %s" % guard)
    out.append("#define %s" % guard)
    out.append("")
    out.append("#ifndef CV_METRIC_ENTRY_DEFINED")
    out.append("#define CV_METRIC_ENTRY_DEFINED")
    out.append("/* One glyph's horizontal advance; shared by both generated headers. */")
    out.append("typedef struct cv_metric_entry {")
    out.append("\tunsigned int cp;        /* Unicode code point */")
    out.append("\tunsigned short advance; /* advance width in font units */")
    out.append("} cv_metric_entry;")
    out.append("#endif")
    out.append("")
    out.append("#define CV_METRICS_%s_UNITS_PER_EM %d" % (suffix.upper(), upem))
    out.append("#define CV_METRICS_%s_COUNT %d" % (suffix.upper(), len(rows)))
    out.append("")
    out.append("static const cv_metric_entry cv_metrics_%s[CV_METRICS_%s_COUNT] = {"
               % (suffix, suffix.upper()))
    for cp, adv in rows:
        out.append("\t{0x%04X, %d}," % (cp, adv))
    out.append("};")
    out.append("")
    out.append("#endif")
    text = "\n".join(out) + "\n"

    dest = os.path.join(out_dir, header)
    tmp = dest + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, dest)
    print("wrote %s (%d glyphs, unitsPerEm %d, %s)" % (dest, len(rows), upem, version))


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: python3 fonts/gen-metrics.py FONT_DIR OUT_DIR")
    src_dir, out_dir = argv[1], argv[2]
    for ttf, header, suffix in FACES:
        generate(src_dir, out_dir, ttf, header, suffix)


if __name__ == "__main__":
    main(sys.argv)
