"""The XSS corpus and the checker that finds live script in a rendered page."""

from html.parser import HTMLParser

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://evil.example/x.js></SCRIPT>",
    "<script>alert(String.fromCharCode(88,83,83))</script>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<IMG SRC=\"javascript:alert('XSS');\">",
    '<img """><script>alert(1)</script>">',
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">klik</text></a></svg>',
    '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="  javascript:alert(1)">klik</a>',
    '<a href="java&#x09;script:alert(1)">klik</a>',
    '<a href="&#106;avascript:alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>kirim</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width:expression(alert(1))">x</div>',
    "<style>@import 'http://evil.example/x.css';</style>",
    '<style>body{background:url("javascript:alert(1)")}</style>',
    "<link rel=stylesheet href=http://evil.example/x.css>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="http://evil.example/">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1);//<</script>",
    "<img src=x onerror=alert(1)//",
    '<a href="x" onmouseover="alert(1)">x</a',
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<video><source onerror="alert(1)"></video>',
    '<p title="</p><script>alert(1)</script>">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "background",
    "poster", "lowsrc", "dynsrc", "srcset", "values", "to", "from", "content",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application", "data:image/svg")
# <math> too: MathML changes how browsers parse what follows (mutation XSS), and we never use it.
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "noscript",
                  "math"}  # fmt: skip
OUR_SCRIPT_PREFIXES = ("/static/", "/admin/jsi18n/")


def _squash(value: str) -> str:
    # Browsers ignore whitespace and control characters inside a URL scheme.
    return "".join(ch for ch in value if ord(ch) > 32).lower()


def _bad_url(tag, name, value) -> bool:
    url = _squash(value)
    if name == "content":  # only <meta http-equiv=refresh content="0;url=..."> navigates
        if tag != "meta" or "url=" not in url:
            return False
        url = url.split("url=", 1)[1].strip("'\"")
    if name == "srcset":
        return any(part.startswith(BAD_SCHEMES) for part in url.split(","))
    return url.startswith(BAD_SCHEMES)


class LiveScriptFinder(HTMLParser):
    """Collects everything in a page that could run script, other than our own static files."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = [(name.lower(), value or "") for name, value in attrs]
        values = dict(attrs)
        if tag == "script":
            src = values.get("src", "")
            data_only = values.get("type", "") in ("application/json", "application/ld+json")
            if not (src.startswith(OUR_SCRIPT_PREFIXES) or (data_only and not src)):
                self.problems.append(f"<script {attrs}>")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        foreign = not values.get("href", "").startswith(("/", "http://testserver"))
        if tag == "link" and foreign and values.get("rel", "") in ("stylesheet", "import"):
            self.problems.append(f"<link {attrs}>")
        self._in_style = tag == "style"
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name == "srcdoc":
                self.problems.append(f"<{tag} srcdoc>")
            refresh = values.get("http-equiv", "").lower() == "refresh"
            if name in URL_ATTRIBUTES and _bad_url(tag if refresh else "", name, value):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and any(w in _squash(value) for w in ("expression(", "url(")):
                self.problems.append(f"<{tag} style={value!r}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        # Our own admin templates carry small <style> blocks; one that loads or runs anything
        # (imports, urls, expressions) can only come from outside.
        if getattr(self, "_in_style", False):
            css = _squash(data)
            if any(word in css for word in ("@import", "url(", "expression(", "javascript:")):
                self.problems.append(f"<style>{data[:60]}")


def live_script(html: str) -> list[str]:
    finder = LiveScriptFinder()
    finder.feed(html)
    finder.close()
    return finder.problems
