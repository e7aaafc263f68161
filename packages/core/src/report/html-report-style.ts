/** The HTML report's stylesheet (inline; light and dark). */
export const HTML_REPORT_STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #656d76; --bg: #fff; --panel: #f6f8fa; --line: #d0d7de;
  --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --accent: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #8d96a0; --bg: #0d1117; --panel: #161b22;
  --line: #30363d; --pass: #3fb950; --fail: #f85149; --error: #d29922; --accent: #4493f8; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 10px; } h3 { font-size: 15px; margin: 0 0 8px; }
h4 { font-size: 13px; margin: 10px 0 4px; color: var(--muted); }
.muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 18px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); }
.verdict-pass td:first-child { color: var(--pass); font-weight: 600; } .verdict-fail td:first-child { color: var(--fail); font-weight: 600; }
.verdict-inconclusive td:first-child { color: var(--error); font-weight: 600; }
.action { display: inline-block; padding: 2px 10px; border-radius: 12px; color: #fff; font-weight: 700; }
.action-promote, .action-advance { background: var(--pass); } .action-rollback { background: var(--fail); } .action-hold { background: var(--error); }
.chart { max-width: 100%; height: auto; }
.chart .grid { stroke: var(--line); } .chart .axis, .chart .value, .chart .label { fill: var(--fg); font-size: 12px; }
.chart .group { fill: var(--muted); font-size: 11px; }
.chart .pass rect { fill: var(--pass); opacity: .75; } .chart .fail rect { fill: var(--fail); opacity: .75; }
.chart .ci { stroke: var(--fg); stroke-width: 1.5; } .chart .threshold { stroke: var(--accent); stroke-width: 2; stroke-dasharray: 3 2; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
.toolbar button { border: 1px solid var(--line); background: var(--panel); color: var(--fg); border-radius: 6px; padding: 4px 10px; cursor: pointer; }
.toolbar button[aria-pressed="true"] { border-color: var(--accent); outline: 1px solid var(--accent); }
.toolbar input, .toolbar select { padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
.toolbar input { min-width: 280px; }
#viewport { height: 420px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; position: relative; }
#spacer { position: relative; }
.row { position: absolute; left: 0; right: 0; height: 30px; display: flex; gap: 10px; align-items: center; padding: 0 8px;
  border-bottom: 1px solid var(--line); white-space: nowrap; cursor: pointer; }
.row:hover, .row.selected { background: var(--panel); }
.row span { overflow: hidden; text-overflow: ellipsis; }
.row .suite { width: 160px; flex: none; } .row .id { width: 220px; flex: none; font-family: ui-monospace, monospace; }
.row .cell { width: 240px; flex: none; } .row .num { width: 64px; flex: none; text-align: right; }
.row .flip { width: 90px; flex: none; } .row .why { flex: 1; color: var(--muted); }
.badge { display: inline-block; width: 56px; flex: none; text-align: center; border-radius: 10px; font-size: 12px; color: #fff; }
.badge.passed { background: var(--pass); } .badge.failed { background: var(--fail); } .badge.error { background: var(--error); } .badge.skipped { background: #8a8f98; }
.flip.regressed { color: var(--fail); font-weight: 600; } .flip.fixed { color: var(--pass); font-weight: 600; }
#detail { margin-top: 14px; border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; }
.facts span { margin-right: 8px; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px; white-space: pre-wrap; word-break: break-word; margin: 4px 0; max-height: 320px; overflow: auto; }
.trial { border-top: 1px solid var(--line); padding: 6px 0; } .trial-head { cursor: pointer; font-weight: 600; }
.trial-head.failed { color: var(--fail); } .trial-head.error { color: var(--error); }
.violations li.error { color: var(--error); } .violations li.failure { color: var(--fail); }
#flipped-list { padding-left: 18px; } #flipped-list .regressed button { color: var(--fail); } #flipped-list .fixed button { color: var(--pass); }
button.link { background: none; border: none; padding: 0; cursor: pointer; font: inherit; text-align: left; }
.sentence { font-weight: 600; }
`;
