"""python-docx as a consumer of a congvan DOCX.

usage: docx_check.py FILE.docx SAMPLE
  SAMPLE is the sample's stem: 1144-BHXH-TDKT, cong-van-khan, cong-van-giam-doc

Prints "ok NAME" / "not ok NAME: DETAIL" lines.  Needs /usr/bin/python3 with
python3-docx.
"""
import re
import sys
import unicodedata

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

PATH, SAMPLE = sys.argv[1], sys.argv[2]
PT = 12700  # EMU per point
TWIP = 635  # EMU per twip


def out(ok, name, detail=""):
    name = ("%s %s" % (SAMPLE, name)).replace(": ", ":\u00a0")
    print(("ok %s" % name) if ok else ("not ok %s: %s" % (name, detail or "failed")))


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s or "").split())


# ---------------------------------------------------------------- walking
class Para:
    """A paragraph with where it sits: top-level block index, table row."""

    def __init__(self, p, idx, rank, cell=None):
        self.p, self.idx, self.rank, self.cell = p, idx, rank, cell
        self.text = norm(p.text)


def walk(doc):
    """Every paragraph of the body in document order, table cells included
    (row by row, cell by cell).  rank = (block, row) so that paragraphs in
    cells of one table row count as side by side."""
    paras = []
    body = doc.element.body
    for b, child in enumerate(body.iterchildren()):
        if child.tag == qn("w:p"):
            paras.append(Para(Paragraph(child, doc), len(paras), (b, -1)))
        elif child.tag == qn("w:tbl"):
            tbl = Table(child, doc)
            for r, tr in enumerate(child.iterchildren(qn("w:tr"))):
                for tc in tr.iterchildren(qn("w:tc")):
                    cell = _Cell(tc, tbl)
                    for p in cell_paragraphs(cell):
                        paras.append(Para(p, len(paras), (b, r), cell))
    return paras


def cell_paragraphs(cell):
    for child in cell._tc.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, cell)
        elif child.tag == qn("w:tbl"):
            t = Table(child, cell)
            for row in t.rows:
                for c in row.cells:
                    yield from cell_paragraphs(c)


def find_in_order(paras, keys):
    """Find each key (substring) after the previous one.  A key may sit in the
    same paragraph after the previous match, in a later paragraph, or in
    another cell of the same table row (cells of one row are side by side)."""
    last_i, last_end, max_i = -1, 0, -1
    for k in keys:
        kn = norm(k)
        hit = None
        for pa in paras:
            i = pa.idx
            if i == last_i:
                pos = pa.text.find(kn, last_end)
            elif i > max_i or (last_i >= 0 and pa.rank == paras[last_i].rank and pa.rank[1] >= 0):
                pos = pa.text.find(kn)
            else:
                continue
            if pos >= 0:
                hit = (i, pos + len(kn))
                break
        if hit is None:
            ctx = paras[last_i].text[:60] if last_i >= 0 else "(start)"
            return False, "%r not found after %r" % (k, ctx)
        last_i, last_end = hit
        max_i = max(max_i, last_i)
    return True, ""


def first(paras, text, start=False):
    t = norm(text)
    for pa in paras:
        if (pa.text.startswith(t) if start else t in pa.text):
            return pa
    return None


# ------------------------------------------------- effective formatting
def style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def doc_default_rpr(doc, tag):
    el = doc.styles.element.find(qn("w:docDefaults"))
    if el is None:
        return None
    return el.find("%s/%s/%s" % (qn("w:rPrDefault"), qn("w:rPr"), qn(tag)))


def eff_par(pa, attr):
    v = getattr(pa.p.paragraph_format, attr)
    if v is not None:
        return v
    for s in style_chain(pa.p.style):
        v = getattr(s.paragraph_format, attr)
        if v is not None:
            return v
    return None


def eff_font(pa, attr, run=None):
    """bold/italic/size/name of a run (default: every run with text must agree;
    returns the value of the first text run)."""
    runs = [run] if run is not None else [r for r in pa.p.runs if r.text.strip()] or pa.p.runs[:1]
    vals = []
    for r in runs:
        v = getattr(r.font, attr)
        if v is None:
            for s in style_chain(pa.p.style):
                v = getattr(s.font, attr)
                if v is not None:
                    break
        if v is None:
            if attr == "size":
                el = doc_default_rpr(DOC, "w:sz")
                v = int(el.get(qn("w:val"))) * PT // 2 if el is not None else None
            elif attr == "name":
                el = doc_default_rpr(DOC, "w:rFonts")
                v = el.get(qn("w:ascii")) if el is not None else None
            elif attr in ("bold", "italic"):
                el = doc_default_rpr(DOC, "w:b" if attr == "bold" else "w:i")
                v = el is not None and el.get(qn("w:val")) not in ("0", "false")
        vals.append(v)
    if not vals:
        return None
    return vals[0] if all(v == vals[0] for v in vals) else "mixed %s" % vals


def pt(v):
    return None if v is None or isinstance(v, str) else round(v / PT, 2)


# ------------------------------------------------------------- expectations
COMMON_TAIL = ["Nơi nhận:", "- Như trên;"]
EXPECT = {
    "1144-BHXH-TDKT": dict(
        order=["BẢO HIỂM XÃ HỘI VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
               "Số: 1144/BHXH-TĐKT", "Hà Nội, ngày 28 tháng 3 năm 2013", "V/v thi đua kỷ niệm 65 năm", "Kính gửi:",
               "- BHXH các tỉnh, thành phố trực thuộc Trung ương;", "- Các đơn vị trực thuộc BHXH Việt Nam.",
               "1. Mục đích, ý nghĩa", "để được giải đáp./.", "Nơi nhận:", "- Như trên;", "- Lưu: VT, TĐKT (2).",
               "KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC", "Nguyễn Đình Khương"],
        parent=[], agency=["BẢO HIỂM XÃ HỘI VIỆT NAM"], so="Số: 1144/BHXH-TĐKT",
        date="Hà Nội, ngày 28 tháng 3 năm 2013", body="Thực hiện Kế hoạch số 04/KH-HĐTĐKT",
        titles=["KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC"], signer="Nguyễn Đình Khương", body_pt=14),
    "cong-van-khan": dict(
        order=["UBND TỈNH KHÁNH HÒA", "SỞ TÀI CHÍNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
               "Độc lập - Tự do - Hạnh phúc", "Số: 07/STC-QLĐT", "V/v báo cáo tình hình giải ngân", "KHẨN",
               "Khánh Hòa, ngày 06 tháng 01 năm 2026", "Kính gửi: Các chủ đầu tư được giao kế hoạch vốn đầu tư công năm 2025.",
               "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh", "a) Hoàn thiện hồ sơ", "c) Gửi báo cáo về Sở Tài chính",
               "STT", "Nội dung báo cáo", "Giải ngân kế hoạch vốn năm 2025 (kết thúc)", "04/02/2026",
               "Quá thời hạn trên", "khẩn trương thực hiện./.", "Nơi nhận:", "- Như trên;", "- Lưu: VT, QLĐT.",
               "NTH.(35)", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Quang Vinh"],
        parent=["UBND TỈNH KHÁNH HÒA"], agency=["SỞ TÀI CHÍNH"], so="Số: 07/STC-QLĐT",
        date="Khánh Hòa, ngày 06 tháng 01 năm 2026", body="Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh",
        titles=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], signer="Trần Quang Vinh", body_pt=13),
    "cong-van-giam-doc": dict(
        order=["UBND", "SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
               "Độc lập - Tự do - Hạnh phúc", "Số: 4127/SNNMT-QLCTR", "V/v triển khai phân loại chất thải rắn",
               "Thành phố Hồ Chí Minh, ngày 20 tháng 11 năm 2025", "Kính gửi:",
               "- Ủy ban nhân dân các phường, xã, đặc khu;", "- Các đơn vị thu gom, vận chuyển chất thải rắn sinh hoạt trên địa bàn Thành phố.",
               "Thực hiện Luật Bảo vệ môi trường", "1. Yêu cầu chung", "4. Chế độ báo cáo",
               "phối hợp thực hiện./.", "Nơi nhận:", "- Như trên;", "- Lưu: VT, QLCTR.", "GIÁM ĐỐC", "Lê Hoàng Phúc"],
        parent=["UBND"], agency=["SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"], so="Số: 4127/SNNMT-QLCTR",
        date="Thành phố Hồ Chí Minh, ngày 20 tháng 11 năm 2025", body="Thực hiện Luật Bảo vệ môi trường",
        titles=["GIÁM ĐỐC"], signer="Lê Hoàng Phúc", body_pt=14),
}


def main():
    global DOC
    try:
        DOC = docx.Document(PATH)
    except Exception as e:  # noqa: BLE001 - any failure to open is the finding
        out(False, "python-docx opens the file", repr(e))
        return
    out(True, "python-docx opens the file")
    e = EXPECT[SAMPLE]
    paras = walk(DOC)

    ok, why = find_in_order(paras, e["order"])
    out(ok, "key texts present in document order (%d keys)" % len(e["order"]), why)

    unstyled = [pa.text[:40] for pa in paras if pa.text and pa.p.style.name == "Normal"]
    out(not unstyled, "every non-empty paragraph has a named style (not Normal)", "; ".join(unstyled[:4]))

    # ---- body ----------------------------------------------------------
    body = first(paras, e["body"], start=True)
    if body is None:
        out(False, "body paragraph found", e["body"])
        return
    sname = body.p.style.name
    out(sname not in ("Normal", None), "body text uses a named style (%s)" % sname, "style %s" % sname)
    al = eff_par(body, "alignment")
    out(al == WD_ALIGN_PARAGRAPH.JUSTIFY, "body justified", "alignment %s" % al)
    fi = eff_par(body, "first_line_indent")
    out(fi is not None and abs(fi - 720 * TWIP) <= TWIP, "body first-line indent 1.27 cm (720 twips)",
        "first_line_indent %s twips" % (None if fi is None else fi / TWIP))
    sa = eff_par(body, "space_after")
    out(sa is not None and sa >= 6 * PT, "body space after >= 6 pt", "space_after %s pt" % pt(sa))
    ls = eff_par(body, "line_spacing")
    ok = isinstance(ls, float) and 1.0 <= ls <= 1.5 or ls is None  # None = single
    out(ok, "body line spacing between single and 1.5 lines", "line_spacing %r" % (ls,))
    size = pt(eff_font(body, "size"))
    out(size == e["body_pt"], "body %s pt" % e["body_pt"], "size %s" % size)
    name = eff_font(body, "name")
    out(name == "Times New Roman", "body font Times New Roman", "font %r" % name)

    # one size for the whole body: every top-level paragraph from the body's
    # first paragraph to the signature table
    sizes = {}
    for pa in paras[body.idx:]:
        if pa.cell is not None:
            if pa.text.startswith("Nơi nhận"):
                break  # the Nơi nhận / signature table ends the body
            continue
        if pa.text:
            sizes.setdefault(pt(eff_font(pa, "size")), pa.text[:30])
    out(len(sizes) == 1, "one font size for the whole body", "sizes %s" % sizes)

    # ---- header --------------------------------------------------------
    for line in e["parent"]:
        pa = first(paras, line, start=True)
        out(pa is not None and eff_font(pa, "bold") is not True and pt(eff_font(pa, "size")) in (12, 13),
            "parent agency %r upright, not bold, 12-13 pt" % line,
            "missing" if pa is None else "bold %s size %s" % (eff_font(pa, "bold"), pt(eff_font(pa, "size"))))
    for line in e["agency"]:
        pa = first(paras, line, start=True)
        out(pa is not None and eff_font(pa, "bold") is True and pt(eff_font(pa, "size")) in (12, 13)
            and pa.text == pa.text.upper(),
            "agency %r bold, 12-13 pt, upper case" % line,
            "missing" if pa is None else "bold %s size %s" % (eff_font(pa, "bold"), pt(eff_font(pa, "size"))))
    qh = first(paras, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    out(qh is not None and eff_font(qh, "bold") is True and pt(eff_font(qh, "size")) in (12, 13),
        "Quốc hiệu bold 12-13 pt", "missing" if qh is None else "bold %s size %s" % (eff_font(qh, "bold"), pt(eff_font(qh, "size"))))
    tn = first(paras, "Độc lập - Tự do - Hạnh phúc")
    out(tn is not None and eff_font(tn, "bold") is True and pt(eff_font(tn, "size")) in (13, 14),
        "Tiêu ngữ bold 13-14 pt", "missing" if tn is None else "bold %s size %s" % (eff_font(tn, "bold"), pt(eff_font(tn, "size"))))
    so = first(paras, e["so"], start=True)
    out(so is not None and pt(eff_font(so, "size")) == 13 and eff_font(so, "bold") is not True,
        "Số line 13 pt, not bold", "missing" if so is None else "size %s bold %s" % (pt(eff_font(so, "size")), eff_font(so, "bold")))
    dt = first(paras, e["date"], start=True)
    out(dt is not None and eff_font(dt, "italic") is True, "date line italic",
        "missing" if dt is None else "italic %r" % eff_font(dt, "italic"))
    out(dt is not None and pt(eff_font(dt, "size")) in (13, 14), "date line 13-14 pt",
        "missing" if dt is None else "size %s" % pt(eff_font(dt, "size")))
    out(so is not None and dt is not None and so.rank == dt.rank and so.rank[1] >= 0,
        "Số and date in the same header table row (one line)",
        "Số rank %s, date rank %s" % (so and so.rank, dt and dt.rank))
    vv = first(paras, "V/v ", start=True)
    out(vv is not None and pt(eff_font(vv, "size")) in (12, 13) and eff_font(vv, "bold") is not True,
        "V/v line 12-13 pt, not bold", "missing" if vv is None else "size %s bold %s" % (pt(eff_font(vv, "size")), eff_font(vv, "bold")))
    kg = first(paras, "Kính gửi:", start=True)
    out(kg is not None and pt(eff_font(kg, "size")) in (13, 14), "Kính gửi 13-14 pt",
        "missing" if kg is None else "size %s" % pt(eff_font(kg, "size")))

    # ---- Nơi nhận and signature -------------------------------------------
    nn = first(paras, "Nơi nhận:", start=True)
    if nn is None:
        out(False, "Nơi nhận found")
    else:
        b, i, s = eff_font(nn, "bold"), eff_font(nn, "italic"), pt(eff_font(nn, "size"))
        out(b is True and i is True and s == 12, "'Nơi nhận:' bold italic 12 pt", "bold %s italic %s size %s" % (b, i, s))
        items = [pa for pa in paras if pa.cell is not None and pa.cell._tc is nn.cell._tc and pa.idx > nn.idx and pa.text]
        bad = ["%s: %s pt bold %s" % (pa.text[:25], pt(eff_font(pa, "size")), eff_font(pa, "bold"))
               for pa in items if pt(eff_font(pa, "size")) != 11 or eff_font(pa, "bold") is True]
        out(items and not bad, "Nơi nhận items 11 pt upright (%d items)" % len(items), "; ".join(bad) or "no items")
        lastitem = [pa.text for pa in items if pa.text.startswith("- ")]
        # ND30 §3.6: "- Lưu: VT, <unit>." and, when given, ô 12 after it as in
        # the decree's samples: "- Lưu: VT, QLĐT. NTH.(35)"
        import re
        out(bool(lastitem) and re.fullmatch(r"- Lưu: VT[^.]*\.( [A-ZĐ]+\.\(\d+\))?", lastitem[-1]) is not None,
            "last Nơi nhận item is '- Lưu: VT, ...' ending in a full stop (then the drafter code)", repr(lastitem[-1:] ))
    sg = first(paras, e["signer"], start=True)
    if sg is None or sg.cell is None:
        out(False, "signer name in the signature table", repr(e["signer"]))
    else:
        cell = [pa for pa in paras if pa.cell is not None and pa.cell._tc is sg.cell._tc and pa.text]
        texts = [pa.text for pa in cell]
        out(texts == e["titles"] + [e["signer"]], "signature block is exactly title line(s) then the name",
            "got %r" % texts)
        bad = ["%s: bold %s %s pt" % (pa.text, eff_font(pa, "bold"), pt(eff_font(pa, "size")))
               for pa in cell if eff_font(pa, "bold") is not True or pt(eff_font(pa, "size")) not in (13, 14)]
        out(not bad, "signature lines and name bold 13-14 pt", "; ".join(bad))
        out(nn is not None and nn.rank == sg.rank, "Nơi nhận and signature side by side (same table row)",
            "Nơi nhận rank %s, signer rank %s" % (nn and nn.rank, sg.rank))

    # ---- sample-specific -------------------------------------------------
    sec = DOC.sections[0]
    if SAMPLE == "cong-van-khan":
        k = first(paras, "KHẨN", start=True)
        out(k is not None and k.text == "KHẨN" and eff_font(k, "bold") is True, "'KHẨN' printed alone, bold",
            "missing" if k is None else "%r bold %s" % (k.text, eff_font(k, "bold")))
        out(so is not None and so.text.startswith("Số: 07/"), "number printed with a leading zero 'Số: 07/'",
            so and so.text)
        out(dt is not None and "ngày 06 tháng 01" in dt.text, "date with leading zeros 'ngày 06 tháng 01'", dt and dt.text)
        data = [t for t in DOC.tables if t.rows and "STT" in norm(t.rows[0].cells[0].text)]
        if not data:
            out(False, "a real table (header row 'STT ...') in document.tables", "%d tables" % len(DOC.tables))
        else:
            t = data[0]
            out(len(t.rows) == 5 and len(t.columns) == 4, "data table 5 rows x 4 columns",
                "%d x %d" % (len(t.rows), len(t.columns)))
            hdr = t.rows[0]
            nb = [c.text for c in hdr.cells for p in c.paragraphs for r in p.runs
                  if r.text.strip() and eff_font(Para(p, 0, None), "bold", r) is not True]
            out(not nb, "table header row bold", "not bold: %s" % nb)
            trpr = hdr._tr.trPr
            th = trpr is not None and trpr.find(qn("w:tblHeader")) is not None
            out(th, "table header row repeats on each page (w:tblHeader)", "no w:tblHeader in the first row")
            bd = t._tbl.tblPr.find(qn("w:tblBorders"))
            out(bd is not None and all((bd.find(qn("w:" + s)) is not None and bd.find(qn("w:" + s)).get(qn("w:val")) not in ("nil", "none"))
                                       for s in ("top", "left", "bottom", "right", "insideH", "insideV")),
                "data table has visible borders", "tblBorders missing or nil")
        ff = norm(" ".join(p.text for p in sec.first_page_footer.paragraphs))
        out(sec.different_first_page_header_footer and "Địa chỉ:" in ff and "stc@khanhhoa.gov.vn" in ff,
            "contact footer (ô 13) in the first-page footer", "first-page footer %r" % ff[:80])
        df = norm(" ".join(p.text for p in sec.footer.paragraphs))
        out("Địa chỉ" not in df, "contact footer on page 1 only (not in the default footer)", "default footer %r" % df[:80])
    if SAMPLE == "cong-van-giam-doc":
        pre = [pa.text for pa in paras if re.match(r"^(KT|TM|Q|TL|TUQ)\. ", pa.text)]
        out(not pre, "no KT./TM./Q./TL./TUQ. line (the Giám đốc signs himself)", "%r" % pre)
    hd = norm(" ".join(p.text for p in sec.header.paragraphs))
    fh = norm(" ".join(p.text for p in sec.first_page_header.paragraphs))
    out(sec.different_first_page_header_footer and fh == "", "first-page header empty (no page number on page 1)",
        "first-page header %r" % fh)
    out(hd.isdigit(), "default header holds the page number", "default header %r" % hd)


if __name__ == "__main__":
    main()
