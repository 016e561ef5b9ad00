"""Write a small XLSX for tests/batch.sh with the standard library only.

usage: mkxlsx.py OUT.xlsx

Two sheets.  "Tỉnh" (the first): column names in row 1 as shared strings,
then rows with shared strings, inline strings (<is>, one of them rich
text with a phonetic run to skip), a number, a date-styled serial, a cell
left out (the reference jumps from A to C), an empty row between rows, and
rich text in the shared table.  "Khác" (the second): one row, for --sheet.
"""
import sys
import zipfile

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

shared = ["ten", "so_luong", "ngay", "ghi_chu", "Hà Nội", "Cao Bằng", "x"]


def si(s):
    return "<si><t xml:space=\"preserve\">%s</t></si>" % s


sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst %s count="8" uniqueCount="8">' % NS
       + "".join(si(s) for s in shared)
       # index 7: rich text in two runs
       + '<si><r><rPr><b/></rPr><t>Đà </t></r><r><t>Nẵng</t></r></si>'
       + "</sst>")


def c_s(ref, i):
    return '<c r="%s" t="s"><v>%d</v></c>' % (ref, i)


def c_is(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


sheet1 = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s><sheetData>' % NS
          + '<row r="1">' + c_s("A1", 0) + c_s("B1", 1) + c_s("C1", 2) + c_s("D1", 3) + "</row>"
          # row 2: shared string, number, date serial 46034 = 2026-01-12 (style 1), inline string
          + '<row r="2">' + c_s("A2", 4) + '<c r="B2"><v>215</v></c><c r="C2" s="1"><v>46034</v></c>'
          + c_is("D2", "inline &amp; &lt;b&gt;") + "</row>"
          # row 3 empty in the file: skipped; row 4: B left out (reference jumps)
          + '<row r="4">' + c_s("A4", 5) + '<c r="C4" s="1"><v>46035</v></c>'
          + '<c r="D4" t="inlineStr"><is><r><t>rich </t></r><r><t>inline</t></r>'
          + '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></is></c></row>'
          # row 5: rich shared string, a long float, a formula with its cached value
          + '<row r="5">' + c_s("A5", 7) + '<c r="B5"><v>0.30000000000000004</v></c>'
          + '<c r="D5" t="str"><f>A5&amp;"!"</f><v>Đà Nẵng!</v></c></row>'
          + "</sheetData></worksheet>")

sheet2 = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s><sheetData>' % NS
          + '<row r="1">' + c_is("A1", "ten") + "</row>"
          + '<row r="2">' + c_is("A2", "Khác") + "</row>"
          + "</sheetData></worksheet>")

workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook %s %s><sheets>'
            '<sheet name="Tỉnh" sheetId="1" r:id="rId1"/><sheet name="Khác" sheetId="2" r:id="rId2"/>'
            "</sheets></workbook>" % (NS, R_NS))

wb_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
           '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
           '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
           '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
           "</Relationships>")

styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet %s>'
          '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
          '<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs>'
          "</styleSheet>" % NS)

rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>")

ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
      "</Types>")

with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", ct)
    z.writestr("_rels/.rels", rels)
    z.writestr("xl/workbook.xml", workbook)
    z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
    z.writestr("xl/worksheets/sheet1.xml", sheet1)
    z.writestr("xl/worksheets/sheet2.xml", sheet2)
    z.writestr("xl/sharedStrings.xml", sst)
    z.writestr("xl/styles.xml", styles)
