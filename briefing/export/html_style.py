"""The HTML export's stylesheet and the Content-Security-Policy that allows it and nothing else.

The stylesheet is the page's only active content. The policy names it by its hash,
so that even a `<style>` element that somehow reached the page would not apply, and
allows nothing to be fetched and no script to run.
"""

from __future__ import annotations

import base64
import hashlib

# Light colours by default, dark ones when the reader's system asks for them; every
# mark that a colour highlights also says what it means in words.
STYLE = """
:root {
  color-scheme: light dark;
  --text: #1b1b1b; --muted: #595959; --page: #ffffff; --panel: #f3f3f1;
  --rule: #c9c9c4; --link: #0b4f9c; --denied: #8a1c1c; --badge: #e8e8e4;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e6e6e3; --muted: #a9a9a4; --page: #161616; --panel: #222221;
    --rule: #454542; --link: #8ab8f0; --denied: #f0a0a0; --badge: #30302e;
  }
}
* { box-sizing: border-box; }
html { background: var(--page); color: var(--text); }
body {
  margin: 0 auto; max-width: 62rem; padding: 1.5rem 1rem 4rem;
  font: 1rem/1.5 system-ui, sans-serif; overflow-wrap: anywhere;
}
a { color: var(--link); }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; line-height: 1.2; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .5rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 0 0 .35rem; }
h4 { font-size: .95rem; margin: .75rem 0 .25rem; color: var(--muted); }
p { margin: .4rem 0; }
ul, ol { margin: .25rem 0; padding-left: 1.4rem; }
dl.fields {
  display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: .5rem 0;
}
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; }
.subtitle { font-size: 1.1rem; color: var(--muted); }
.bottom-line {
  background: var(--panel); border-left: .3rem solid var(--rule); padding: .5rem .9rem;
}
.bottom-line h2 { margin: 0; border: 0; font-size: 1rem; }
nav.contents ol ol { font-size: .92rem; }
.claim {
  background: var(--panel); border: 1px solid var(--rule); border-radius: .3rem;
  padding: .8rem 1rem; margin: 1rem 0; break-inside: avoid; page-break-inside: avoid;
}
.claim .text p:first-child { margin-top: 0; }
.badges { margin: .2rem 0 .5rem; }
.badge {
  display: inline-block; background: var(--badge); border: 1px solid var(--rule);
  border-radius: .25rem; padding: 0 .4rem; margin: 0 .3rem .2rem 0; font-size: .85rem;
}
.badge.denied { border: 2px solid var(--denied); color: var(--denied); font-weight: 600; }
.denials { border-left: .25rem solid var(--denied); padding-left: .75rem; }
.detail, .note { color: var(--muted); font-size: .92rem; }
blockquote { margin: .2rem 0 .2rem 1rem; font-style: italic; }
.outside { color: var(--muted); }
.sources li { margin-bottom: .35rem; }
@media screen and (min-width: 60rem) {
  /* Denials beside the claim they answer, not below it. */
  .claim.denied { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 20rem);
    column-gap: 1.5rem; align-items: start; }
  .claim.denied > * { grid-column: 1; }
  .claim.denied > .denials { grid-column: 2; grid-row: 1 / span 12; }
}
@media print {
  :root { --text: #000; --muted: #333; --page: #fff; --panel: #fff; --link: #000; --denied: #000; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.contents { break-after: page; }
  h2, h3, h4 { break-after: avoid; }
  .claim { border-color: #999; }
}
"""


def style_hash(style: str = STYLE) -> str:
    """Return the CSP source that allows exactly this stylesheet: `'sha256-…'`."""
    digest = hashlib.sha256(style.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


# Nothing may load or run; the one stylesheet applies. The empty `data:` icon stops a
# browser asking the server for /favicon.ico, and is allowed as an image for that; no
# briefing string can add an image. `base-uri` and `form-action` are not covered by
# default-src, so they are closed by name.
CSP = (
    f"default-src 'none'; style-src {style_hash()}; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
