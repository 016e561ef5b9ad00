"""Static checks of a congvan HTML file.

usage: html_check.py FILE.html LABEL

Prints "ok NAME" / "not ok NAME: DETAIL".  Standard library only.
"""
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# elements whose end tag HTML lets you leave out
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "option"}

PATH, LABEL = sys.argv[1], sys.argv[2]


def out(ok, name, detail=""):
    name = ("%s %s" % (LABEL, name)).replace(": ", ":\u00a0")
    print(("ok %s" % name) if ok else ("not ok %s: %s" % (name, detail or "failed")))


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.html_lang, self.tags = [], [], None, []
        self.handlers, self.refs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        for k, v in attrs:
            if k.startswith("on"):
                self.handlers.append("%s %s" % (tag, k))
            if k in ("src", "href", "srcset", "data", "action") and v and not v.startswith("#"):
                self.refs.append("%s %s=%s" % (tag, k, v[:60]))
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack and self.stack[-1][0] != tag and self.stack[-1][0] in OPTIONAL_END:
            self.stack.pop()
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()
        else:
            self.errors.append("</%s> at line %d does not close <%s>" % (
                tag, self.getpos()[0], self.stack[-1][0] if self.stack else "nothing"))


def main():
    src = open(PATH, encoding="utf-8").read()
    c = Checker()
    c.feed(src)
    c.close()
    left = [t for t, _ in c.stack if t not in OPTIONAL_END]
    out(src.lstrip().lower().startswith("<!doctype html>"), "starts with <!DOCTYPE html>", src[:40])
    out(c.html_lang == "vi", '<html lang="vi">', "lang=%r" % c.html_lang)
    out(re.search(r'<meta\s+charset="?utf-8"?', src, re.I) is not None, "declares <meta charset=utf-8>")
    out(not c.errors and not left, "every element closed in order", "; ".join(c.errors[:4] + ["unclosed <%s>" % t for t in left[:4]]))
    out("script" not in c.tags, "no <script>", "has a script element")
    out(not c.handlers, "no on* event handler attributes", ", ".join(c.handlers[:4]))
    urls = re.findall(r"https?://[^\s\"'<>)]*", src, re.I)
    out(not urls, "self-contained (no http:// or https:// reference)", ", ".join(urls[:4]))
    out(not c.refs, "no external resource (src/href to files)", ", ".join(c.refs[:4]))
    out(re.search(r"@import|url\(", src) is None, "CSS loads nothing (@import/url())", "found @import or url(")
    out("@page" in src and re.search(r"size:\s*A4", src) is not None, "CSS @page size A4")


if __name__ == "__main__":
    main()
