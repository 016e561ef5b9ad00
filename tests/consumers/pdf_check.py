"""Checks on a PDF made from congvan output (LibreOffice from the DOCX, or
Chromium from the HTML), read through poppler's text output.

usage:
  pdf_check.py pages  PDFINFO_OUT LABEL MIN_PAGES MAX_PAGES
  pdf_check.py fonts  PDFFONTS_OUT LABEL
  pdf_check.py words  TEXT SAMPLE.md LABEL        (body words in order)
  pdf_check.py ref    TEXT REFERENCE.txt LABEL    (>= 90 % of the reference's clauses in order)
  pdf_check.py layout BBOX_LAYOUT SAMPLE LABEL [PAGE1.pgm DPI]

PDFINFO_OUT is `pdfinfo -f 1 -l 999 X.pdf`, PDFFONTS_OUT `pdffonts X.pdf`,
TEXT `pdftotext [-layout] X.pdf`, BBOX_LAYOUT `pdftotext -bbox-layout X.pdf`,
PAGE1.pgm `pdftoppm -gray -r DPI -f 1 -l 1 -singlefile X.pdf` (PGM, P5).

Prints "ok NAME" / "not ok NAME: DETAIL".  Standard library only.
"""
import difflib
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

# ND30 page geometry in PDF points (A4, margins 20/20/30/15 mm)
PAGE_W, PAGE_H = 595.28, 841.89
LEFT, RIGHT, TOP = 85.04, 595.28 - 42.52, 56.69
CENTRE = (LEFT + RIGHT) / 2  # 318.9
MM = 72 / 25.4

LABEL = "pdf"


def out(ok, name, detail=""):
    name = ("%s %s" % (LABEL, name)).replace(": ", ":\u00a0")
    print(("ok %s" % name) if ok else ("not ok %s: %s" % (name, detail or "failed")))


def nfc(s):
    return unicodedata.normalize("NFC", s)


def words_of(text):
    return nfc(text).split()


# ------------------------------------------------------------ pages, fonts
def cmd_pages(path, min_pages, max_pages):
    sizes = re.findall(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", open(path, encoding="utf-8").read(), re.M)
    n = len(sizes)
    out(min_pages <= n <= max_pages, "page count %d..%d" % (min_pages, max_pages), "%d pages" % n)
    bad = ["p%s %sx%s" % s for s in sizes if abs(float(s[1]) - 595) > 1.5 or abs(float(s[2]) - 842) > 1.5]
    out(n > 0 and not bad, "every page A4 (595x842 pt +-1)", "; ".join(bad) or "no pages")


FONT_RE = re.compile(r"^(?:[A-Z]{6}\+)?(LiberationSerif|TimesNewRoman(?:PS)?(?:MT)?|Times-Roman|Times)"
                     r"(?:[-,](?:Regular|Roman|Bold|Italic|BoldItalic|Oblique|BoldOblique)(?:MT)?)?$")


def cmd_fonts(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    fonts = []
    for ln in lines[2:]:
        if ln.strip():
            # name, type (may contain a space), encoding, emb, sub, uni, object ID
            m = re.match(r"^(\S+)\s+(.*?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", ln)
            fonts.append((m.group(1), m.group(4)) if m else (ln.split()[0], "?"))
    bad = [f for f, _ in fonts if not FONT_RE.match(f)]
    out(fonts and not bad, "fonts only Times New Roman / Liberation Serif (%d faces)" % len(fonts),
        "other fonts: %s" % ", ".join(bad) if fonts else "pdffonts listed no font")
    notemb = [f for f, e in fonts if e != "yes"]
    out(fonts and not notemb, "every font embedded", ", ".join(notemb))


# ------------------------------------------------------------ word order
def sample_body_words(md_path, drop_tables=True):
    text = open(md_path, encoding="utf-8").read()
    m = re.match(r"\A---\n.*?\n---\n", text, re.S)
    body = text[m.end():] if m else text
    words = []
    for line in body.splitlines():
        s = line.strip()
        if s.startswith("|"):
            if drop_tables or re.match(r"^\|[\s:|-]+\|$", s):
                continue
            s = s.replace("|", " ")
        s = re.sub(r"^#{1,6}\s+", "", s)
        s = s.replace("**", "").replace("__", "")
        s = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", s)  # *italic*
        s = re.sub(r"\\$", "", s)  # hard line break
        words += words_of(s)
    return words


def pdf_tokens(text):
    """Words of pdftotext output; a word broken after its own hyphen at a
    line end ("83-" + "KL/TW") is joined again."""
    toks = []
    for t in words_of(text):
        if toks and len(toks[-1]) > 1 and toks[-1].endswith("-") and toks[-1][-2] != "-":
            toks[-1] += t
        else:
            toks.append(t)
    return toks


def key(t):
    # plain pdftotext drops the hyphen of a word broken at a line-end hyphen
    # ("83-KL/TW" -> "83KL/TW"); compare words without their inner hyphens
    return t if t == "-" else t.replace("-", "")


def in_order(want, got):
    """How many of `want` appear in `got` in order (matching blocks of
    difflib, an LCS approximation), and the first missing stretch.  Lone
    dashes are left out on both sides: plain pdftotext drops a " -" that
    ends a line."""
    want = [t for t in want if t.strip("-–—")]
    got = [t for t in got if t.strip("-–—")]
    sm = difflib.SequenceMatcher(None, [key(t) for t in want], [key(t) for t in got], autojunk=False)
    matched = [False] * len(want)
    n = 0
    for a, _b, size in sm.get_matching_blocks():
        n += size
        for i in range(a, a + size):
            matched[i] = True
    miss = [i for i, ok in enumerate(matched) if not ok]
    ctx = ""
    if miss:
        i = miss[0]
        ctx = "first missing at word %d: %r (context %r)" % (i, want[i], " ".join(want[max(0, i - 4):i + 5]))
    return n, miss, ctx


def cmd_words(text_path, md_path):
    got = pdf_tokens(open(text_path, encoding="utf-8").read())
    want = sample_body_words(md_path)
    n, miss, ctx = in_order(want, got)
    out(want and not miss, "every body word of %s in order (%d words)" % (md_path.rsplit("/", 1)[-1], len(want)),
        "%d of %d missing or out of order; %s" % (len(miss), len(want), ctx))


PUNCT = re.compile(r"[,;:.()\"“”‘’'/!?]")


def compact(s):
    return re.sub(r"[\s\-]+", "", PUNCT.sub("", nfc(s).lower()))


def cmd_ref(text_path, ref_path):
    """The reference text (a transcription with lost spaces and dropped
    letters) against the PDF: cut it into clauses at punctuation, drop
    spaces and hyphens on both sides, and look for each clause in order."""
    hay = compact(open(text_path, encoding="utf-8").read())
    clauses = []
    for line in open(ref_path, encoding="utf-8"):
        if re.match(r"^\s*-{3,}\s*$", line):
            continue
        clauses += [c for c in (compact(x) for x in PUNCT.split(line)) if len(c) >= 4]
    pos, found, missing = 0, 0, []
    for c in clauses:
        i = hay.find(c, pos)
        if i >= 0:
            found += 1
            pos = i + len(c)
        else:
            missing.append(c)
    ratio = found / len(clauses) if clauses else 0
    out(ratio >= 0.9, "reference text: >= 90%% of its clauses in order (%.1f%% of %d)" % (100 * ratio, len(clauses)),
        "%.1f%%; missing e.g. %s" % (100 * ratio, missing[:5]))


# ------------------------------------------------------------ layout
class Word:
    def __init__(self, el, page, line):
        self.t = nfc(el.text or "")
        self.x0, self.y0 = float(el.get("xMin")), float(el.get("yMin"))
        self.x1, self.y1 = float(el.get("xMax")), float(el.get("yMax"))
        self.page, self.line = page, line

    @property
    def cx(self):
        return (self.x0 + self.x1) / 2

    def __repr__(self):
        return "%r@p%d(%.1f,%.1f)" % (self.t, self.page, self.x0, self.y0)


def load_bbox(path):
    """pages: list of (width, height, [lines]); line = [Word]; plus a flat
    word list in pdftotext's reading order."""
    tree = ET.parse(path)
    pages, flat = [], []
    lid = 0
    for pno, page in enumerate((e for e in tree.iter() if e.tag.endswith("page")), 1):
        lines = []
        for line in (e for e in page.iter() if e.tag.endswith("line")):
            lid += 1
            ws = [Word(wel, pno, lid) for wel in line if wel.tag.endswith("word")]
            if ws:
                lines.append(ws)
                flat += ws
        pages.append((float(page.get("width")), float(page.get("height")), lines))
    return pages, flat


def find_seq(flat, phrase, page=None, last=False):
    toks = words_of(phrase)
    hits = []
    for i in range(len(flat) - len(toks) + 1):
        if page is not None and flat[i].page != page:
            continue
        if all(flat[i + k].t == toks[k] for k in range(len(toks))):
            hits.append(flat[i:i + len(toks)])
            if not last:
                break
    return hits[-1] if hits else None


EXPECT = {
    "1144-BHXH-TDKT": dict(first_left="BẢO HIỂM XÃ HỘI VIỆT NAM", agency="BẢO HIỂM XÃ HỘI VIỆT NAM",
                           so="Số: 1144/BHXH-TĐKT", date="Hà Nội, ngày 28 tháng 3 năm 2013",
                           last_body="để được giải đáp./.", title1="KT. TỔNG GIÁM ĐỐC",
                           title_last="PHÓ TỔNG GIÁM ĐỐC", signer="Nguyễn Đình Khương", tight=[]),
    "cong-van-khan": dict(first_left="UBND TỈNH KHÁNH HÒA", agency="SỞ TÀI CHÍNH", so="Số: 07/STC-QLĐT",
                          date="Khánh Hòa, ngày 06 tháng 01 năm 2026", last_body="khẩn trương thực hiện./.",
                          title1="KT. GIÁM ĐỐC", title_last="PHÓ GIÁM ĐỐC", signer="Trần Quang Vinh", tight=[],
                          footer="Địa chỉ: Số 04 Phan Chu"),
    "cong-van-giam-doc": dict(first_left="UBND", agency="SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", so="Số: 4127/SNNMT-QLCTR",
                              date="Thành phố Hồ Chí Minh, ngày 20 tháng 11 năm 2025",
                              last_body="phối hợp thực hiện./.", title1="GIÁM ĐỐC", title_last="GIÁM ĐỐC",
                              signer="Lê Hoàng Phúc", tight=[("liên", "hệ:")]),
}


def in_top_margin(w):
    return w.y1 < TOP


def cmd_layout(bbox, sample, pgm=None, dpi=100):
    e = EXPECT[sample]
    pages, flat = load_bbox(bbox)
    if not pages:
        out(False, "pdftotext -bbox-layout gives pages")
        return

    # -- page numbers (ND30-PAGENUM-FIRST) and the top margin
    for pno, (_w, _h, lines) in enumerate(pages, 1):
        top = [w for ln in lines for w in ln if in_top_margin(w)]
        if pno == 1:
            out(not top, "page 1 shows no page number (nothing in the top margin)", "top margin: %s" % top)
        else:
            ok = len(top) == 1 and top[0].t == str(pno) and top[0].y0 < 60 and abs(top[0].cx - CENTRE) <= 15
            out(ok, "page %d shows '%d' centred in the top margin (centre %.1f +-15, yMin < 60)" % (pno, pno, CENTRE),
                "top margin: %s" % (["%s cx=%.1f" % (w, w.cx) for w in top] or "empty"))
        high = [w for ln in lines for w in ln if w.y0 < TOP - 1.0 and not (pno > 1 and in_top_margin(w) and w.t == str(pno))]
        out(not high, "page %d: no text above the 20 mm top margin (56.7 pt, 1 pt slack) but the page number" % pno,
            "%s" % high[:4])

    # -- left and right margins: body lines (wider than 300 pt) start at 30 mm
    for pno, (_w, _h, lines) in enumerate(pages, 1):
        body = [ln for ln in lines if ln[-1].x1 - ln[0].x0 > 300 and not in_top_margin(ln[0])]
        if body:
            x = min(ln[0].x0 for ln in body)
            out(abs(x - LEFT) <= 1 * MM, "page %d: body text starts at the 30 mm left margin (%.2f pt +-1 mm)" % (pno, LEFT),
                "min xMin %.2f pt (%+.2f mm)" % (x, (x - LEFT) / MM))
        xr = max((w.x1 for ln in lines for w in ln), default=0)
        out(xr <= RIGHT + 1 * MM, "page %d: no text beyond the 15 mm right margin (%.2f pt)" % (pno, RIGHT),
            "max xMax %.2f pt" % xr)

    # -- header
    qh = find_seq(flat, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", page=1)
    fl = find_seq(flat, e["first_left"], page=1)
    out(qh and fl and abs(qh[0].y0 - fl[0].y0) <= 2,
        "Quốc hiệu and %r on the same line (yMin +-2)" % e["first_left"],
        "Quốc hiệu %s, left %s" % (qh and qh[0], fl and fl[0]))
    so = find_seq(flat, e["so"], page=1)
    dt = find_seq(flat, e["date"], page=1)
    out(so and dt and abs(so[0].y0 - dt[0].y0) <= 2, "%r and the date line on the same line (yMin +-2)" % e["so"],
        "Số %s, date %s" % (so and so[0], dt and dt[0]))
    if dt:
        lines_of = []
        for w in dt:
            if not lines_of or abs(w.y0 - lines_of[-1][0].y0) > 2:
                lines_of.append([w])
            else:
                lines_of[-1].append(w)
        ok = len(lines_of) == 1 or (len(lines_of) == 2 and lines_of[1][0].t == "ngày")
        out(ok, "date line on one line, or broken after the place name's comma",
            " / ".join(" ".join(w.t for w in ln) for ln in lines_of))
    tn = find_seq(flat, "Độc lập - Tự do - Hạnh phúc", page=1)
    out(bool(tn) and bool(qh) and 0 < tn[0].y0 - qh[0].y0 < 20,
        "Tiêu ngữ directly under the Quốc hiệu (no blank line)", "Quốc hiệu %s, Tiêu ngữ %s" % (qh and qh[0], tn and tn[0]))

    # -- end of the document: signature with the last body paragraph
    lb = find_seq(flat, e["last_body"], last=True)
    t1 = find_seq(flat, e["title1"], last=True)
    tl = find_seq(flat, e["title_last"], last=True)
    sg = find_seq(flat, e["signer"], last=True)
    nn = find_seq(flat, "Nơi nhận:", last=True)
    out(lb and t1 and lb[-1].page == t1[0].page,
        "signature block (%r) on the same page as the last body words %r" % (e["title1"], e["last_body"]),
        "last body words on page %s, signature on page %s" % (lb and lb[-1].page, t1 and t1[0].page))
    out(nn and t1 and nn[0].page == t1[0].page and abs(nn[0].y0 - t1[0].y0) <= 3,
        "'Nơi nhận:' on the same line as %r (yMin +-3 pt)" % e["title1"], "Nơi nhận %s, title %s" % (nn and nn[0], t1 and t1[0]))
    out(nn and nn[0].x0 < CENTRE and t1 and t1[0].x0 > CENTRE - 30,
        "'Nơi nhận:' in the left half, the signature block in the right half", "Nơi nhận %s, title %s" % (nn and nn[0], t1 and t1[0]))
    out(tl and sg and sg[0].page == tl[0].page and sg[0].y0 - tl[-1].y1 >= 40,
        "signer's name at least 40 pt below the title (room to sign)",
        "title yMax %s, name yMin %s" % (tl and round(tl[-1].y1, 1), sg and round(sg[0].y0, 1)))
    if t1 and sg:
        c1 = (t1[0].x0 + t1[-1].x1) / 2
        c2 = (sg[0].x0 + sg[-1].x1) / 2
        out(abs(c1 - c2) <= 3, "signer's name centred under the title (+-3 pt)", "title centre %.1f, name centre %.1f" % (c1, c2))
    if "footer" in e:
        ft = find_seq(flat, e["footer"])
        out(ft and ft[0].page == 1 and sg and ft[0].y0 > sg[0].y1 and ft[0].y0 > PAGE_H - 2 * TOP - 40,
            "contact footer at the bottom of page 1", "footer %s, signer %s" % (ft and ft[0], sg and sg[0]))

    # -- a line before a manual line break is not stretched
    for a, b in e["tight"]:
        pair = find_seq(flat, "%s %s" % (a, b))
        gap = pair[1].x0 - pair[0].x1 if pair and abs(pair[0].y0 - pair[1].y0) <= 2 else None
        out(pair is not None and (gap is None or gap < 12),
            "line ending in a manual break not stretched (%r .. %r gap < 12 pt)" % (a, b),
            "missing" if pair is None else "gap %.1f pt" % gap)

    # -- rule lines under the Tiêu ngữ and under the agency name (page 1)
    if pgm:
        img = load_pgm(pgm)
        s = dpi / 72.0
        if tn and dt:
            x0, x1 = tn[0].x0, tn[-1].x1
            r = find_rule(img, s, (x0 + x1) / 2, tn[0].y1 - 3, dt[0].y0)
            tw = x1 - x0
            out(r and 150 <= r[0] <= 175 and abs(r[0] - tw) <= 8,
                "rule under the Tiêu ngữ as long as its text (150-175 pt; text %.1f pt)" % tw,
                "no rule found" if not r else "rule %.1f pt wide at y=%.1f" % (r[0], r[2]))
            out(r and abs(r[1] - (x0 + x1) / 2) <= 3, "rule under the Tiêu ngữ centred under it (+-3 pt)",
                "no rule" if not r else "rule centre %.1f, text centre %.1f" % (r[1], (x0 + x1) / 2))
        ag = agency_lines(pages[0][2], e["agency"])
        if not ag:
            out(False, "agency name %r found on page 1" % e["agency"])
        elif so:
            aw = max(ln[-1].x1 - ln[0].x0 for ln in ag)
            ac = (ag[-1][0].x0 + ag[-1][-1].x1) / 2
            r = find_rule(img, s, ac, ag[-1][-1].y1 - 3, so[0].y0)
            out(r and aw / 3 - 1 <= r[0] <= aw / 2 + 1,
                "rule under the agency name 1/3-1/2 of its line (line %.1f pt: %.1f-%.1f)" % (aw, aw / 3, aw / 2),
                "no rule found" if not r else "rule %.1f pt (%.2f of the line) at y=%.1f" % (r[0], r[0] / aw, r[2]))
            out(r and abs(r[1] - ac) <= 3, "rule under the agency name centred (+-3 pt)",
                "no rule" if not r else "rule centre %.1f, agency centre %.1f" % (r[1], ac))


def agency_lines(lines, agency):
    """The consecutive left-column lines of page 1 that spell the agency."""
    left = sorted((ln for ln in lines if ln[-1].x1 < CENTRE + 20 and ln[0].y0 < 200), key=lambda ln: ln[0].y0)
    want = words_of(agency)
    for i in range(len(left)):
        acc = []
        for j in range(i, len(left)):
            acc += [w.t for w in left[j]]
            if acc == want:
                return left[i:j + 1]
            if acc != want[:len(acc)]:
                break
    return None


def load_pgm(path):
    data = open(path, "rb").read()
    toks, pos = [], 0
    while len(toks) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        toks.append(data[start:pos])
    pos += 1
    if toks[0] != b"P5":
        raise ValueError("not a binary PGM: %r" % toks[0])
    w, h = int(toks[1]), int(toks[2])
    return w, h, data[pos:pos + w * h]


def find_rule(img, s, xc, ytop, ybot):
    """Longest horizontal run of dark pixels crossing x = xc between the two
    y (points).  Returns (width pt, centre x pt, y pt) or None when no run is
    30 pt long."""
    w, h, px = img
    best = None
    xcp = int(xc * s)
    for y in range(max(0, int(ytop * s)), min(h, int(ybot * s) + 1)):
        row = px[y * w:(y + 1) * w]
        if row[xcp] >= 160:
            continue
        a = xcp
        while a > 0 and row[a - 1] < 160:
            a -= 1
        b = xcp
        while b < w - 1 and row[b + 1] < 160:
            b += 1
        n = b - a + 1
        if best is None or n > best[0]:
            best = (n, (a + b + 1) / 2, y)
    if best is None or best[0] / s < 30:
        return None
    return best[0] / s, best[1] / s, best[2] / s


def main():
    global LABEL
    cmd = sys.argv[1]
    if cmd == "pages":
        LABEL = sys.argv[3]
        cmd_pages(sys.argv[2], int(sys.argv[4]), int(sys.argv[5]))
    elif cmd == "fonts":
        LABEL = sys.argv[3]
        cmd_fonts(sys.argv[2])
    elif cmd == "words":
        LABEL = sys.argv[4]
        cmd_words(sys.argv[2], sys.argv[3])
    elif cmd == "ref":
        LABEL = sys.argv[4]
        cmd_ref(sys.argv[2], sys.argv[3])
    elif cmd == "layout":
        LABEL = sys.argv[4]
        pgm = sys.argv[5] if len(sys.argv) > 5 else None
        dpi = float(sys.argv[6]) if len(sys.argv) > 6 else 100
        cmd_layout(sys.argv[2], sys.argv[3], pgm, dpi)
    else:
        sys.exit("unknown command %s" % cmd)


if __name__ == "__main__":
    main()
