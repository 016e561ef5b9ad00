"""Checks on the PDF (LibreOffice, from the DOCX) of a sample of a typed
document — quyết định, tờ trình, biên bản, copies … (templates other than
cong-van) — read through poppler's text output, with the helpers of
pdf_check.py.

usage:
  types_check.py words  TEXT SAMPLE.md LABEL          (the document's words in order)
  types_check.py layout BBOX_LAYOUT SAMPLE.md LABEL   (ND30 page geometry and layout)

TEXT is `pdftotext X.pdf`, BBOX_LAYOUT `pdftotext -bbox-layout X.pdf`.
Prints "ok NAME" / "not ok NAME: DETAIL".  Standard library only.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdf_check as P  # noqa: E402


def out(ok, name, detail=""):
    P.out(ok, name, detail)


def front_matter(md):
    """The front matter as {key: text}; a list value as its items joined
    by newlines; a mapping (ky …) as {"ky.x": …}.  Enough YAML for samples."""
    text = open(md, encoding="utf-8").read()
    m = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    fm, cur, sub = {}, None, None
    for line in (m.group(1) if m else "").splitlines():
        line = re.sub(r"\s+#.*$", "", line) if not line.lstrip().startswith('"') else line
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        mm = re.match(r"^(\w+):\s*(.*)$", line)
        if mm:
            cur, sub = mm.group(1), None
            fm[cur] = mm.group(2).strip().strip('"')
            continue
        mm = re.match(r"^\s+-\s+(.*)$", line)
        if mm and cur:
            fm[cur] = (fm[cur] + "\n" if fm[cur] else "") + mm.group(1).strip().strip('"')
            continue
        mm = re.match(r"^\s+(\w+):\s*(.*)$", line)
        if mm and cur:
            fm["%s.%s" % (cur, mm.group(1))] = mm.group(2).strip().strip('"')
    return fm


def body_of(md):
    text = open(md, encoding="utf-8").read()
    m = re.match(r"\A---\n.*?\n---\n", text, re.S)
    return text[m.end():] if m else text


def norm(t):
    """Case, Markdown escapes ("1\\.") and the punctuation that congvan adds
    or moves (the ':' after "Phụ lục", "Chương I.") do not count."""
    return P.key(t.replace("\\", "")).upper().strip(".:;,/")


# The forms whose text comes from the front matter (the body may be empty),
# in the order the template prints the fields.
FORM_KEYS = ["ong_ba", "chuc_vu", "duoc_cu_den", "ve_viec", "thoi_gian_nghi", "noi_nghi", "tinh_vao"]


def md_words(md, drop_tables=True):
    """Body words of a sample, as pdf_check.sample_body_words; for a copy
    whose body is empty, the original's."""
    fm = front_matter(md)
    src = md
    if fm.get("ban_goc") and not body_of(md).strip():
        src = os.path.join(os.path.dirname(md), fm["ban_goc"])
    words = P.sample_body_words(src, drop_tables)
    if not words:
        for k in FORM_KEYS:
            words += P.words_of(fm.get(k, ""))
    return words


def cmd_words(text_path, md):
    got = [norm(t) for t in P.pdf_tokens(open(text_path, encoding="utf-8").read())]
    want = [norm(t) for t in md_words(md)]
    got = [t for t in got if t]
    want = [t for t in want if t]
    n, miss, ctx = P.in_order(want, got)
    out(want and not miss, "every body word of %s in order (%d words)" % (os.path.basename(md), len(want)),
        "%d of %d missing or out of order; %s" % (len(miss), len(want), ctx))


def find(flat, phrase, page=None, last=False):
    return P.find_seq(flat, phrase, page, last)


def sections(pages, md):
    """Page numbers of each physical page as printed: 0 for none.  A new
    section (numbered from 1, its first page unnumbered) starts at each
    page whose first line is an appendix label "Phụ lục …" (ND30.md §1:
    each phụ lục is numbered on its own)."""
    nums, n = [], 0
    for pno, (_w, _h, lines) in enumerate(pages, 1):
        body = [ln for ln in lines if not (P.in_top_margin(ln[0]) or ln[0].y0 > P.PAGE_H - P.TOP)]
        first = " ".join(w.t for w in body[0]) if body else ""
        if pno == 1 or re.match(r"^Phụ lục( [IVXLCDM0-9]+)?$", first):
            n = 1
        else:
            n += 1
        nums.append(n)
    return nums


def cmd_layout(bbox, md):
    fm = front_matter(md)
    tt01 = fm.get("profile") == "tt01"
    pages, flat = P.load_bbox(bbox)
    if not pages:
        out(False, "pdftotext -bbox-layout gives pages")
        return
    nums = sections(pages, md)
    # -- page numbers: ND30 centred at the top (tt01: bottom right), not on
    # the first page of the document nor of an appendix
    for pno, (_w, _h, lines) in enumerate(pages, 1):
        top = [w for ln in lines for w in ln if P.in_top_margin(w)]
        bottom = [w for ln in lines for w in ln if w.y0 > P.PAGE_H - P.TOP]
        want = nums[pno - 1]
        where, got = (bottom, top) if tt01 else (top, bottom)
        if want == 1:
            out(not where, "page %d (page 1 of its section) shows no page number" % pno, "%s" % where)
        elif tt01:
            ok = len(where) == 1 and where[0].t == str(want) and where[0].x1 >= P.RIGHT - 3
            out(ok, "page %d shows '%d' at the bottom right (tt01)" % (pno, want),
                "%s" % (["%s x1=%.1f" % (w, w.x1) for w in where] or "empty"))
        else:
            ok = len(where) == 1 and where[0].t == str(want) and abs(where[0].cx - P.CENTRE) <= 15
            out(ok, "page %d shows '%d' centred in the top margin" % (pno, want),
                "%s" % (["%s cx=%.1f" % (w, w.cx) for w in where] or "empty"))
        stray = [w for w in got if not (w.t.isdigit())] if not tt01 else [w for w in top]
        out(not stray, "page %d: nothing in the %s margin" % (pno, "top" if tt01 else "bottom"), "%s" % stray[:4])
    # -- margins
    for pno, (_w, _h, lines) in enumerate(pages, 1):
        body = [ln for ln in lines if ln[-1].x1 - ln[0].x0 > 300 and not P.in_top_margin(ln[0])]
        if body:
            # a page holding only first lines of paragraphs starts them at
            # the 1.27 cm indent (36 pt) after the margin
            x = min(ln[0].x0 for ln in body)
            ok = abs(x - P.LEFT) <= 1 * P.MM or all(abs(ln[0].x0 - P.LEFT - 36) <= 1 * P.MM for ln in body)
            out(ok, "page %d: body text starts at the 30 mm left margin" % pno,
                "min xMin %.2f pt (%+.2f mm)" % (x, (x - P.LEFT) / P.MM))
        xr = max((w.x1 for ln in lines for w in ln), default=0)
        out(xr <= P.RIGHT + 1 * P.MM, "page %d: no text beyond the 15 mm right margin" % pno, "max xMax %.2f pt" % xr)
    # -- header of page 1: Quốc hiệu beside the agency, Tiêu ngữ under it
    qh = find(flat, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", page=1)
    tn = find(flat, "Độc lập - Tự do - Hạnh phúc", page=1)
    out(qh and tn and 0 < tn[0].y0 - qh[0].y0 < 20, "Quốc hiệu, and the Tiêu ngữ under it, on page 1",
        "Quốc hiệu %s, Tiêu ngữ %s" % (qh and qh[0], tn and tn[0]))
    first_left = [ln for ln in pages[0][2] if ln[-1].x1 < P.CENTRE + 20 and ln[0].y0 < 120]
    if qh and first_left:
        out(abs(first_left[0][0].y0 - qh[0].y0) <= 2, "the agency's first line beside the Quốc hiệu",
            "%s vs %s" % (first_left[0][0], qh[0]))
    # -- ô 5a: the tên loại centred on the text width, under the header
    loai = fm.get("loai", "")
    if fm.get("ban_goc"):  # a copy begins with its original
        loai = front_matter(os.path.join(os.path.dirname(md), fm["ban_goc"])).get("loai", "cong-van")
    title = TITLES.get(loai)
    if title:
        tl = find(flat, title, page=1)
        cx = (tl[0].x0 + tl[-1].x1) / 2 if tl else 0
        out(tl and abs(cx - P.CENTRE) <= 3 and (not qh or tl[0].y0 > qh[0].y0 + 30),
            "%r centred under the header (centre %.1f +-3)" % (title, P.CENTRE),
            "%s centre %.1f" % (tl and tl[0], cx))
    for line in ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"):
        if (line == "QUYẾT ĐỊNH:") == (fm.get("loai") == "quyet-dinh") and fm.get("loai") in ("quyet-dinh", "nghi-quyet"):
            q = find(flat, line)
            cx = (q[0].x0 + q[-1].x1) / 2 if q else 0
            out(q and abs(cx - P.CENTRE) <= 3, "%r centred" % line, "%s" % (q and q[0]))
    # -- signatures
    if fm.get("loai") == "bien-ban":
        tk, ct = find(flat, "THƯ KÝ", last=True), find(flat, "CHỦ TỌA", last=True)
        out(tk and ct and abs(tk[0].y0 - ct[0].y0) <= 2 and tk[0].x1 < P.CENTRE < ct[0].x0,
            "THƯ KÝ left and CHỦ TỌA right on one line", "%s / %s" % (tk and tk[0], ct and ct[0]))
        a, b = find(flat, fm.get("ky_thu_ky.ho_ten", "?"), last=True), find(flat, fm.get("ky_chu_toa.ho_ten", "?"), last=True)
        out(a and b and abs(a[0].y0 - b[0].y0) <= 2, "the two signers' names on one line", "%s / %s" % (a and a[0], b and b[0]))
    elif fm.get("ky.ho_ten"):
        sg = find(flat, fm["ky.ho_ten"], last=True)
        nn = find(flat, "Nơi nhận:", last=True)
        out(sg and sg[0].x0 > P.CENTRE - 40, "the signer's name in the right half", "%s" % (sg and sg[0]))
        if nn and not fm.get("kem_theo"):
            out(sg and nn[0].page == sg[0].page and nn[0].x0 < P.CENTRE,
                "'Nơi nhận:' on the page of the signature, in the left half", "%s / %s" % (nn[0], sg and sg[0]))
    if fm.get("ban_goc"):
        ht = TITLES[fm["loai"]]
        sy = find(flat, ht, last=True)
        cv = find(flat, fm.get("ky.ho_ten", "?"), last=True)
        out(sy and cv and (sy[0].page, sy[0].y0) < (cv[0].page, cv[0].y0) and sy[0].x0 > P.CENTRE,
            "the %s block after the original, its heading in the right column" % ht,
            "%s, copier %s" % (sy and sy[0], cv and cv[0]))


TITLES = {
    "quyet-dinh": "QUYẾT ĐỊNH", "nghi-quyet": "NGHỊ QUYẾT", "to-trinh": "TỜ TRÌNH", "bao-cao": "BÁO CÁO",
    "ke-hoach": "KẾ HOẠCH", "thong-bao": "THÔNG BÁO", "chi-thi": "CHỈ THỊ", "huong-dan": "HƯỚNG DẪN",
    "chuong-trinh": "CHƯƠNG TRÌNH", "phuong-an": "PHƯƠNG ÁN", "de-an": "ĐỀ ÁN", "du-an": "DỰ ÁN",
    "quy-che": "QUY CHẾ", "quy-dinh": "QUY ĐỊNH", "thong-cao": "THÔNG CÁO", "giay-uy-quyen": "GIẤY ỦY QUYỀN",
    "phieu-gui": "PHIẾU GỬI", "phieu-chuyen": "PHIẾU CHUYỂN", "phieu-bao": "PHIẾU BÁO", "cong-dien": "CÔNG ĐIỆN",
    "giay-moi": "GIẤY MỜI", "giay-gioi-thieu": "GIẤY GIỚI THIỆU", "bien-ban": "BIÊN BẢN",
    "giay-nghi-phep": "GIẤY NGHỈ PHÉP", "sao-y": "SAO Y", "sao-luc": "SAO LỤC", "trich-sao": "TRÍCH SAO",
}


def main():
    cmd = sys.argv[1]
    P.LABEL = sys.argv[4]
    if cmd == "words":
        cmd_words(sys.argv[2], sys.argv[3])
    elif cmd == "layout":
        cmd_layout(sys.argv[2], sys.argv[3])
    else:
        sys.exit("unknown command %s" % cmd)


if __name__ == "__main__":
    main()
