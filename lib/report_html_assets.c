/* report_html_assets.c - the style sheet and the script of the scorecard
 * page, inline so that the page is one file that loads nothing.
 *
 * Kept as arrays of short literals: ISO C guarantees string literals of
 * 4095 bytes only. */
#include <stdio.h>

#include "report_html.h"

static const char *const css[] = {
    ":root{--fg:#1f2328;--mu:#59636e;--ln:#d1d9e0;--soft:#f6f8fa;--pass:#1a7f37;"
    "--warn:#9a6700;--fail:#cf222e}\n",
    "*{box-sizing:border-box}\n",
    "body{margin:0;color:var(--fg);background:#fff;font:14px/1.5 system-ui,-apple-system,"
    "\"Segoe UI\",Roboto,\"Noto Sans\",\"Liberation Sans\",Arial,sans-serif}\n",
    "main{max-width:1480px;margin:0 auto;padding:24px 24px 48px}\n",
    "h1{font-size:26px;line-height:1.25;margin:0 0 6px}\n",
    "h2{font-size:20px;margin:36px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--ln)}\n",
    "h3{font-size:15px;margin:18px 0 6px}\n",
    "a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}\n",
    "th small{display:block;font-weight:400;color:var(--mu);font-size:11px}\n",
    "code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,\"Liberation Mono\",monospace;"
    "color:var(--mu)}\n",
    ".meta{margin:2px 0;color:var(--mu)}.meta b{color:var(--fg)}\n",
    ".toc{display:flex;flex-wrap:wrap;gap:6px 20px;margin:16px 0 0;padding:8px 12px;"
    "background:var(--soft);border:1px solid var(--ln);border-radius:6px;font-size:13px}\n",
    ".gc{font-size:12px;font-variant-numeric:tabular-nums;color:var(--mu)}\n",
    ".g-pass{color:var(--pass)}.g-warn{color:var(--warn)}.g-fail{color:var(--fail)}\n",
    ".scroll{overflow-x:auto}table{border-collapse:collapse}\n",
    ".sum{font-size:13px;font-variant-numeric:tabular-nums}\n",
    ".sum th,.sum td{border:1px solid var(--ln);padding:4px;text-align:right}\n",
    ".sum thead th{background:var(--soft);text-align:center;font-size:11.5px;font-weight:600;"
    "line-height:1.25;padding:4px}\n",
    ".sum td{white-space:nowrap}.sum td.paras .ci{white-space:normal}\n",
    ".sum thead tr+tr th{white-space:nowrap}\n",
    ".sum thead th.k{box-shadow:inset 0 3px var(--c)}\n",
    ".sum td.name{text-align:left;font-weight:600;white-space:nowrap}\n",
    ".sum td.rank{font-weight:700;text-align:center;font-size:15px}\n",
    ".sum td.z{color:#b4bcc5}.sum td.tot{font-weight:700}\n",
    ".ci{display:block;font-size:11px;color:var(--mu);white-space:nowrap}\n",
    ".note{color:var(--mu);font-size:13px;max-width:90em}\n",
    ".charts{display:flex;flex-wrap:wrap;gap:16px 48px}\n",
    ".chart{margin:0;flex:1 1 520px;max-width:660px}\n",
    "figcaption{font-weight:600;margin-bottom:6px}\n",
    "figcaption small{font-weight:400;color:var(--mu);font-size:12px;margin-left:8px}\n",
    ".chart svg{width:100%;height:auto;display:block}\n",
    "svg text{font-size:12px;fill:var(--fg)}svg .tick,svg .axis{fill:var(--mu)}\n",
    "svg .tick{font-size:11px}svg .panel,svg .total,svg .in{font-weight:600}\n",
    "svg .grid{stroke:#e3e8ee}svg .median{stroke:var(--fg);stroke-width:2}\n",
    "svg a:hover>*{stroke:var(--fg);stroke-width:1.5}\n",
    ".legend{list-style:none;margin:6px 0 0;padding:0;display:flex;flex-wrap:wrap;"
    "gap:4px 16px;font-size:12px}\n",
    ".legend li{display:flex;align-items:center;gap:5px}\n",
    ".sw{display:inline-block;width:12px;height:12px;border-radius:2px}\n",
    ".cols{display:flex;flex-wrap:wrap;gap:12px 48px;align-items:flex-start}\n",
    ".key{font-size:13px}.key th,.key td{padding:3px 12px 3px 0;text-align:left;"
    "vertical-align:top;border-bottom:1px solid #eef1f4}\n",
    ".rules{flex:1 1 360px;max-width:60em;font-size:13px;margin:0;padding-left:18px}\n",
    ".rules li{margin-bottom:6px}\n",
    ".badge{display:inline-block;padding:0 7px;border:1px solid;border-radius:10px;"
    "font-size:11px;font-weight:700;line-height:17px;text-transform:uppercase;"
    "letter-spacing:.04em}\n",
    ".badge.g-pass{background:#dafbe1;border-color:#aceebb}\n",
    ".badge.g-warn{background:#fff8c5;border-color:#eed888}\n",
    ".badge.g-fail{background:#ffebe9;border-color:#ffcecb}\n",
    "h2 .lang,th .lang{font-weight:400;color:var(--mu);font-size:.85em}\n",
    "h2 .rank{float:right;font-size:14px;font-weight:600;color:var(--mu);margin-top:4px}\n",
    ".stats{margin:0 0 6px;color:var(--mu)}\n",
    ".jump{margin:0 0 10px;font-size:13px}.jump a{display:inline-block;min-width:1.6em;"
    "text-align:center;font-weight:600}.jump .badge{margin-left:4px}\n",
    ".controls{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;padding:6px 12px;"
    "margin:0 0 10px;background:var(--soft);border:1px solid var(--ln);border-radius:6px;"
    "font-size:13px}\n",
    ".controls fieldset{border:0;margin:0;padding:0;display:flex;gap:14px;align-items:center}\n",
    ".controls legend{float:left;font-weight:600;padding:0}\n",
    ".controls label{display:flex;align-items:center;gap:5px}\n",
    ".controls select{font:inherit}.controls .count{color:var(--mu);margin-left:auto}\n",
    ".beads{width:100%;table-layout:fixed}.beads col.m{width:132px}\n",
    ".beads thead th{position:sticky;top:0;z-index:2;background:#fff;text-align:left;"
    "font-size:13px;padding:6px 10px;border-bottom:2px solid var(--ln)}\n",
    ".beads tbody{border-bottom:1px solid var(--ln)}\n",
    ".beads td,.beads th.m{padding:8px 10px;vertical-align:top;text-align:left}\n",
    ".beads tr:first-child td+td{border-left:1px solid #eef1f4}\n",
    "tbody.pass{--g:#2da44e}tbody.warn{--g:#d4a72c}tbody.fail{--g:#cf222e}\n",
    ".beads th.m{font-weight:400;font-size:12px;color:var(--mu);box-shadow:inset 4px 0 var(--g)}\n",
    "tbody:target th.m{background:#fff8c5}tbody.bead{scroll-margin-top:40px}\n",
    ".bn{display:block;font-size:18px;font-weight:700;color:var(--fg);line-height:1.2}\n",
    ".kind,.conf{display:block;margin-top:3px}.conf.low{color:var(--warn);font-weight:700}\n",
    ".sc{display:grid;grid-template-columns:auto auto;gap:0 6px;margin:4px 0 0;"
    "font-variant-numeric:tabular-nums;justify-content:start}\n",
    ".sc dt,.sc dd{margin:0}.sc dd{text-align:right;color:var(--fg);font-weight:600}\n",
    ".para{margin:0 0 6px;overflow-wrap:anywhere}.para:last-child{margin-bottom:0}\n",
    ".pre{white-space:pre-wrap}\n",
    ".pn{font-size:11px;color:var(--mu);font-variant-numeric:tabular-nums;user-select:none}\n",
    "td.void{color:var(--mu);font-style:italic;text-align:center;vertical-align:middle;"
    "background:repeating-linear-gradient(135deg,#fff 0 8px,#f1f3f5 8px 16px)}\n",
    "td.ref{color:#3d444d;background:#fafbfc}\n",
    "tr.fx td{padding:0 10px 8px}\n",
    ".findings{margin:0;padding:6px 10px;list-style:none;background:var(--soft);"
    "border-radius:6px;font-size:13px}\n",
    ".findings li{margin:2px 0;border-radius:3px}.findings li.on{background:#fff}\n",
    ".tag{display:inline-block;padding:0 6px;border-radius:3px;font-size:11.5px;"
    "font-weight:600;background:var(--c);color:var(--i);margin-right:4px}\n",
    ".k-score{--c:#6e7781;--i:#ffffff}\n",
    ".q{color:var(--mu)}.q .lang{font-size:10px;text-transform:uppercase;margin:0 2px 0 6px}\n",
    "mark.hl{color:inherit;background:var(--t);box-shadow:inset 0 var(--w) var(--c)}\n",
    "mark.hl.on{outline:2px solid var(--c)}\n",
    "footer{margin-top:40px;padding-top:8px;border-top:1px solid var(--ln);color:var(--mu);"
    "font-size:12px}\n",
    "[hidden]{display:none!important}\n",
    "@media (max-width:900px){main{padding:16px}.beads col.m{width:100px}"
    ".beads td,.beads th.m{padding:6px}}\n",
    /* Landscape: the beads' texts stand side by side, the summary is wide. */
    "@media print{@page{size:A4 landscape;margin:10mm}body{font-size:9pt}main{max-width:none;"
    "padding:0}.toc,.controls{display:none!important}.scroll{overflow:visible}"
    ".sum{font-size:8pt}.sum thead th{font-size:7.5pt}.beads thead th{position:static}"
    "tbody.bead,figure,tr{break-inside:avoid}h2,h3{break-after:avoid}"
    "section.tr{break-before:page}a{color:inherit}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n",
};

/* Issue types in the order their colour rules are written: when findings
 * overlap, the rule written last wins, so the paragraph-wide findings come
 * first and a number inside an omitted paragraph still shows as a number. */
static const tqe_issue_type css_order[TQE_ISSUE_TYPE_COUNT] = {
    TQE_ISSUE_OMISSION,     TQE_ISSUE_ADDITION,       TQE_ISSUE_UNTRANSLATED,
    TQE_ISSUE_GLOSSARY,     TQE_ISSUE_ENTITY_ALTERED, TQE_ISSUE_ENTITY_MISSING,
    TQE_ISSUE_NUMBER_EXTRA, TQE_ISSUE_NUMBER_ALTERED, TQE_ISSUE_NUMBER_MISSING,
};

/* "#RRGGBB" mixed with white, `share` of the colour kept. */
static void tint(char out[8], const char *hex, double share)
{
    unsigned rgb = (unsigned)strtoul(hex + 1, NULL, 16), c[3];
    for (int k = 0; k < 3; k++) {
        unsigned v = (rgb >> (16 - 8 * k)) & 0xFF;
        c[k] = (unsigned)(255 - (255 - v) * share + 0.5);
    }
    snprintf(out, 8, "#%02X%02X%02X", c[0], c[1], c[2]);
}

/* The colour variables of each issue type: --c the colour, --t the
 * highlight's background, --i text on the colour, --w the underline (none
 * for paragraph-wide findings, which tint only). */
static int type_rules(tqe_buf *o)
{
    int rc = 0;
    for (int k = 0; !rc && k < TQE_ISSUE_TYPE_COUNT; k++) {
        tqe_issue_type t = css_order[k];
        const html_issue_style *st = html_issue_style_of(t);
        const char *name = tqe_issue_type_name(t);
        bool wide =
            t == TQE_ISSUE_OMISSION || t == TQE_ISSUE_ADDITION || t == TQE_ISSUE_UNTRANSLATED;
        char light[8];
        tint(light, st->color, wide ? 0.22 : 0.35);
        rc = tqe_buf_printf(o, ".hl-%s,.k-%s{--c:%s;--t:%s;--i:%s;--w:%s}\n", name, name, st->color,
                            light, st->ink, wide ? "0 0" : "-2px 0");
    }
    return rc;
}

int html_style(tqe_buf *o)
{
    int rc = tqe_buf_puts(o, "<style>\n");
    for (size_t k = 0; !rc && k < TQE_ARRAY_LEN(css); k++) rc = tqe_buf_puts(o, css[k]);
    return rc ? rc : type_rules(o) || tqe_buf_puts(o, "</style>\n");
}

/* Per bead section: filter by grade and issue type, sort; a finding under
 * the mouse outlines its highlights; following a link to a bead that a
 * filter hides clears the filters. */
static const char *const js[] = {
    "(function () {\n",
    "\"use strict\";\n",
    "var worst = {pass: 0, warn: 1, fail: 2};\n",
    "function score(b) { return b.dataset.score === \"\" ? 1e9 : +b.dataset.score; }\n",
    "var orders = {\n",
    "  doc: function () { return 0; },\n",
    "  grade: function (a, b) { return worst[b.dataset.grade] - worst[a.dataset.grade]; },\n",
    "  score: function (a, b) { return score(a) - score(b); },\n",
    "  issues: function (a, b) { return b.dataset.n - a.dataset.n; }\n",
    "};\n",
    "function wanted(types, want) {\n",
    "  if (want === \"\") return true;\n",
    "  if (want === \"+\" || want === \"-\") return (types.trim() !== \"\") === (want === "
    "\"+\");\n",
    "  return types.indexOf(\" \" + want + \" \") >= 0;\n",
    "}\n",
    "function setup(sec) {\n",
    "  var ctl = sec.querySelector(\".controls\");\n",
    "  if (!ctl) return;\n",
    "  var beads = [].slice.call(sec.querySelectorAll(\"tbody.bead\"));\n",
    "  var boxes = [].slice.call(ctl.querySelectorAll(\"input[name=grade]\"));\n",
    "  var type = ctl.querySelector(\"select[name=type]\");\n",
    "  var sort = ctl.querySelector(\"select[name=sort]\");\n",
    "  function update() {\n",
    "    var show = {}, n = 0, by = orders[sort.value];\n",
    "    boxes.forEach(function (c) { show[c.value] = c.checked; });\n",
    "    beads.forEach(function (b) {\n",
    "      b.hidden = !(show[b.dataset.grade] && wanted(b.dataset.types, type.value));\n",
    "      if (!b.hidden) n++;\n",
    "    });\n",
    "    ctl.querySelector(\".count\").textContent = n + \" of \" + beads.length + \" beads "
    "shown\";\n",
    "    beads.slice().sort(function (a, b) { return by(a, b) || a.dataset.i - b.dataset.i; })\n",
    "      .forEach(function (b) { b.parentNode.appendChild(b); });\n",
    "  }\n",
    "  sec.showAll = function () {\n",
    "    boxes.forEach(function (c) { c.checked = true; });\n",
    "    type.value = \"\";\n",
    "    update();\n",
    "  };\n",
    "  ctl.addEventListener(\"change\", update);\n",
    "  ctl.hidden = false;\n",
    "  update();\n",
    "}\n",
    "[].forEach.call(document.querySelectorAll(\"section.tr\"), setup);\n",
    "function reveal() {\n",
    "  var b = location.hash && document.getElementById(location.hash.slice(1));\n",
    "  if (!b || !b.hidden) return;\n",
    "  var sec = b.closest(\"section.tr\");\n",
    "  if (sec && sec.showAll) { sec.showAll(); b.scrollIntoView(); }\n",
    "}\n",
    "window.addEventListener(\"hashchange\", reveal);\n",
    "function outline(on) {\n",
    "  return function (e) {\n",
    "    var li = e.target.closest && e.target.closest(\".findings li\");\n",
    "    if (!li) return;\n",
    "    li.classList.toggle(\"on\", on);\n",
    "    var f = \" \" + li.dataset.f + \" \";\n",
    "    [].forEach.call(li.closest(\"tbody\").querySelectorAll(\"mark.hl\"), function (m) {\n",
    "      if ((\" \" + m.dataset.f + \" \").indexOf(f) >= 0) m.classList.toggle(\"on\", on);\n",
    "    });\n",
    "  };\n",
    "}\n",
    "document.addEventListener(\"mouseover\", outline(true));\n",
    "document.addEventListener(\"mouseout\", outline(false));\n",
    "})();\n",
};

int html_script(tqe_buf *o)
{
    int rc = tqe_buf_puts(o, "<script>\n");
    for (size_t k = 0; !rc && k < TQE_ARRAY_LEN(js); k++) rc = tqe_buf_puts(o, js[k]);
    return rc ? rc : tqe_buf_puts(o, "</script>\n");
}
