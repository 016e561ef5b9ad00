"""Structural checks of a congvan DOCX package, read as raw OOXML.

usage: ooxml_check.py FILE.docx LABEL

Prints one line per assertion: "ok NAME" or "not ok NAME: DETAIL"
(tests/consumers/common.sh.inc turns them into pass/fail).  Run with
/usr/bin/python3; only the standard library is needed.
"""
import posixpath
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
DC = "http://purl.org/dc/elements/1.1/"
RT_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TNR = "Times New Roman"


def w(tag):
    return "{%s}%s" % (W, tag)


def wv(el, attr="val"):
    return None if el is None else el.get(w(attr))


LABEL = sys.argv[2] if len(sys.argv) > 2 else "docx"


def out(ok, name, detail=""):
    # the shell side splits NAME from DETAIL at the first ": " after "not ok "
    name = ("%s %s" % (LABEL, name)).replace(": ", ":\u00a0")
    if ok:
        print("ok " + name)
    else:
        print("not ok %s: %s" % (name, detail or "failed"))


def main():
    path = sys.argv[1]
    z = zipfile.ZipFile(path)
    names = [n for n in z.namelist() if not n.endswith("/")]  # directory entries are no parts
    xml = {}
    for n in names:
        if n.endswith(".xml") or n.endswith(".rels"):
            try:
                xml[n] = ET.fromstring(z.read(n))
            except ET.ParseError as e:
                out(False, "part %s parses" % n, str(e))
    for n in names:
        if n not in xml and (n.endswith(".xml") or n.endswith(".rels")):
            return  # already reported; the rest would only cascade

    # --- relationships: every internal target exists -------------------
    bad = []
    doc_targets = {}
    main_part = None
    for n in names:
        if not n.endswith(".rels"):
            continue
        # "_rels/.rels" -> base ""; "word/_rels/document.xml.rels" -> "word"
        src_dir = posixpath.dirname(posixpath.dirname(n))
        for rel in xml[n].findall("{%s}Relationship" % PR):
            if rel.get("TargetMode") == "External":
                continue
            t = rel.get("Target")
            full = t[1:] if t.startswith("/") else posixpath.normpath(posixpath.join(src_dir, t))
            if full not in names:
                bad.append("%s: %s -> %s" % (n, rel.get("Id"), full))
            if n == "_rels/.rels" and rel.get("Type") == RT_DOC:
                main_part = full
            if n == "word/_rels/document.xml.rels":
                doc_targets[rel.get("Id")] = full
    out(not bad, "every relationship target exists in the package", "; ".join(bad))
    out(main_part == "word/document.xml", "_rels/.rels officeDocument -> word/document.xml", str(main_part))

    # --- content types ------------------------------------------------
    types = xml["[Content_Types].xml"]
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.findall("{%s}Default" % CT)}
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.findall("{%s}Override" % CT)}
    untyped = [n for n in names if n != "[Content_Types].xml"
               and "/" + n not in overrides and n.rsplit(".", 1)[-1].lower() not in defaults]
    out(not untyped, "every part has a content type", ", ".join(untyped))
    dangling = [p for p in overrides if p[1:] not in names]
    out(not dangling, "every Override names an existing part", ", ".join(dangling))
    out(overrides.get("/word/document.xml") == CT_MAIN, "word/document.xml has the main-document content type",
        str(overrides.get("/word/document.xml")))

    doc = xml["word/document.xml"]
    styles = xml["word/styles.xml"]
    body = doc.find(w("body"))

    # --- styles used are styles defined ------------------------------
    defined = {}
    for s in styles.findall(w("style")):
        defined[s.get(w("styleId"))] = s.get(w("type"))
    missing = []
    for n in names:
        if not (n.startswith("word/") and n.endswith(".xml")):
            continue
        for tag, typ in (("pStyle", "paragraph"), ("rStyle", "character"), ("tblStyle", "table")):
            for el in xml[n].iter(w(tag)):
                v = wv(el)
                if defined.get(v) != typ:
                    missing.append("%s %s=%s" % (n, tag, v))
    out(not missing, "every pStyle/rStyle/tblStyle is a style defined in styles.xml", "; ".join(sorted(set(missing))[:8]))

    # --- section properties -------------------------------------------
    sects = list(doc.iter(w("sectPr")))
    out(len(sects) >= 1 and body[-1].tag == w("sectPr"), "document ends with a w:sectPr",
        "%d sectPr, last body child %s" % (len(sects), body[-1].tag if len(body) else None))
    if not sects:
        return
    sp = body[-1] if body[-1].tag == w("sectPr") else sects[-1]
    pg = sp.find(w("pgSz"))
    size = (wv(pg, "w"), wv(pg, "h"), wv(pg, "orient"))
    out(size[:2] == ("11906", "16838") and size[2] in (None, "portrait"),
        "ND30-PAGE-A4 pgSz 11906x16838 portrait", "pgSz w/h/orient = %s" % (size,))
    mar = sp.find(w("pgMar"))
    got = {k: wv(mar, k) for k in ("left", "top", "bottom", "right")}
    want = {"left": "1701", "top": "1134", "bottom": "1134", "right": "850"}
    out(got == want, "ND30-MARGIN-RANGE pgMar left 1701 top 1134 bottom 1134 right 850", "pgMar %s" % got)
    tp = sp.find(w("titlePg"))
    out(tp is not None and wv(tp) not in ("0", "false", "off"), "w:titlePg present (first page differs)",
        "no titlePg" if tp is None else "titlePg val=%s" % wv(tp))

    def refs(kind):
        return {wv(h, "type"): doc_targets.get(h.get("{%s}id" % R)) for h in sp.findall(w(kind))}

    def has_page_field(part):
        root = xml.get(part)
        if root is None:
            return False
        instr = " ".join((t.text or "") for t in root.iter(w("instrText")))
        instr += " " + " ".join(f.get(w("instr"), "") for f in root.iter(w("fldSimple")))
        return "PAGE" in instr.upper().split()

    hdr = refs("headerReference")
    first, default = hdr.get("first"), hdr.get("default")
    out(first in names, "first-page headerReference resolves to a header part", "first -> %s" % first)
    out(default in names, "default headerReference resolves to a header part", "default -> %s" % default)
    out(first in names and not has_page_field(first),
        "ND30-PAGENUM-FIRST first-page header has no PAGE field", "%s has a PAGE field" % first)
    out(default in names and has_page_field(default),
        "ND30-PAGENUM-FIRST default header has a PAGE field", "%s has no PAGE field" % default)
    if default in names:
        # the page number paragraph: centred, 13-14 pt (ND30 §1)
        p = next((p for p in xml[default].iter(w("p")) if has_field_in(p)), None)
        jc, sz = eff_ppr(p, styles, "jc"), eff_rpr(p, styles, "sz")
        out(jc == "center", "page number paragraph centred", "jc=%s" % jc)
        out(sz in ("26", "27", "28"), "page number 13-14 pt", "sz=%s half-points" % sz)

    # --- no Word auto-numbering ---------------------------------------
    nump = [n for n in names if n.endswith(".xml") and any(True for _ in xml[n].iter(w("numPr")))]
    out(not nump and "word/numbering.xml" not in names, "no w:numPr (no Word auto-numbering)",
        "numPr in %s" % ", ".join(nump) if nump else "word/numbering.xml present")

    # --- tables: widths written three ways ----------------------------
    probs = []
    tables = list(doc.iter(w("tbl")))
    for ti, tbl in enumerate(tables, 1):
        tw = tbl.find(w("tblPr") + "/" + w("tblW"))
        if tw is None or wv(tw, "type") != "dxa" or not (wv(tw, "w") or "").isdigit():
            probs.append("table %d: tblW %s" % (ti, None if tw is None else dict(tw.attrib)))
            continue
        total = int(wv(tw, "w"))
        grid = [int(wv(g, "w") or 0) for g in tbl.findall(w("tblGrid") + "/" + w("gridCol"))]
        if sum(grid) != total:
            probs.append("table %d: gridCol sum %d != tblW %d" % (ti, sum(grid), total))
        for ri, tr in enumerate(tbl.findall(w("tr")), 1):
            col = 0
            for ci, tc in enumerate(tr.findall(w("tc")), 1):
                span = int(wv(tc.find(w("tcPr") + "/" + w("gridSpan"))) or 1)
                want_w = sum(grid[col:col + span])
                tcw = tc.find(w("tcPr") + "/" + w("tcW"))
                if tcw is None or wv(tcw, "type") != "dxa" or wv(tcw, "w") != str(want_w):
                    probs.append("table %d row %d cell %d: tcW %s, grid %d" % (
                        ti, ri, ci, None if tcw is None else (wv(tcw, "w"), wv(tcw, "type")), want_w))
                col += span
            if col != len(grid):
                probs.append("table %d row %d covers %d of %d grid columns" % (ti, ri, col, len(grid)))
    out(tables and not probs, "every table: tblW = sum(gridCol), every tcW = its gridCol(s) (dxa)",
        "; ".join(probs[:6]) or "no tables")

    # --- fonts and language --------------------------------------------
    rpr_def = styles.find("%s/%s/%s" % (w("docDefaults"), w("rPrDefault"), w("rPr")))
    rf = rpr_def.find(w("rFonts")) if rpr_def is not None else None
    got = {k: wv(rf, k) for k in ("ascii", "hAnsi", "cs", "eastAsia")}
    out(all(v == TNR for v in got.values()), "styles.xml docDefaults rFonts ascii/hAnsi/cs/eastAsia = Times New Roman",
        str(got))
    theme, other = [], []
    for n in names:
        if not n.endswith(".xml"):
            continue
        for el in xml[n].iter():
            for a in el.attrib:
                if a.endswith("Theme") and a.startswith("{%s}" % W):
                    theme.append("%s %s" % (n, a.split("}")[1]))
        for el in xml[n].iter(w("rFonts")):
            for k in ("ascii", "hAnsi", "cs", "eastAsia"):
                if wv(el, k) not in (None, TNR):
                    other.append("%s %s=%s" % (n, k, wv(el, k)))
    out(not theme, "no theme font attributes (asciiTheme, ...) anywhere", "; ".join(sorted(set(theme))[:6]))
    out(not other, "every w:rFonts names Times New Roman only", "; ".join(sorted(set(other))[:6]))
    lang = rpr_def.find(w("lang")) if rpr_def is not None else None
    out(wv(lang) == "vi-VN", "styles.xml docDefaults w:lang = vi-VN", "lang=%s" % wv(lang))
    colours = sorted({"%s %s" % (n, wv(el)) for n in names if n.endswith(".xml")
                      for el in xml[n].iter(w("color")) if wv(el) not in ("000000", "auto")})
    out(not colours, "all text black (every w:color is 000000 or auto)", "; ".join(colours[:6]))

    # --- a manual line break inside a justified paragraph must not stretch
    # the line before it (Word and LibreOffice expand such lines unless
    # w:doNotExpandShiftReturn is set)
    settings = xml.get("word/settings.xml")
    br_just = 0
    for p in body.iter(w("p")):
        if any(wv(b, "type") in (None, "textWrapping") for b in p.iter(w("br"))) and eff_ppr(p, styles, "jc") in ("both", "distribute"):
            br_just += 1
    if br_just:
        flag = settings is not None and settings.find(w("compat") + "/" + w("doNotExpandShiftReturn")) is not None
        out(flag, "justified paragraph with a manual line break - settings.xml has w:compat/w:doNotExpandShiftReturn",
            "%d justified paragraph(s) contain w:br, settings has no doNotExpandShiftReturn: the line before the "
            "break is stretched across the page" % br_just)

    # --- core properties -----------------------------------------------
    core = xml["docProps/core.xml"]
    title = (core.findtext("{%s}title" % DC) or "").strip()
    creator = (core.findtext("{%s}creator" % DC) or "").strip()
    out(bool(title), "docProps/core.xml dc:title non-empty", repr(title))
    out(bool(creator), "docProps/core.xml dc:creator non-empty", repr(creator))


def has_field_in(p):
    if p is None:
        return False
    txt = " ".join((t.text or "") for t in p.iter(w("instrText")))
    txt += " ".join(f.get(w("instr"), "") for f in p.iter(w("fldSimple")))
    return "PAGE" in txt.upper()


def style_chain(styles, sid):
    seen = []
    by_id = {s.get(w("styleId")): s for s in styles.findall(w("style"))}
    while sid and sid in by_id and sid not in [x.get(w("styleId")) for x in seen]:
        s = by_id[sid]
        seen.append(s)
        sid = wv(s.find(w("basedOn")))
    return seen


def eff_ppr(p, styles, tag):
    """Effective paragraph property value (direct, then style chain)."""
    if p is None:
        return None
    ppr = p.find(w("pPr"))
    if ppr is not None and ppr.find(w(tag)) is not None:
        return wv(ppr.find(w(tag)))
    sid = wv(ppr.find(w("pStyle"))) if ppr is not None else None
    for s in style_chain(styles, sid or "Normal"):
        el = s.find(w("pPr") + "/" + w(tag))
        if el is not None:
            return wv(el)
    return None


def eff_rpr(p, styles, tag):
    """Run property of the paragraph's first run (direct, paragraph style, docDefaults)."""
    if p is None:
        return None
    r = p.find(w("r"))
    if r is not None and r.find(w("rPr") + "/" + w(tag)) is not None:
        return wv(r.find(w("rPr") + "/" + w(tag)))
    ppr = p.find(w("pPr"))
    sid = wv(ppr.find(w("pStyle"))) if ppr is not None else None
    for s in style_chain(styles, sid or "Normal"):
        el = s.find(w("rPr") + "/" + w(tag))
        if el is not None:
            return wv(el)
    el = styles.find("%s/%s/%s/%s" % (w("docDefaults"), w("rPrDefault"), w("rPr"), w(tag)))
    return wv(el)


if __name__ == "__main__":
    main()
