/** The dashboard's one stylesheet, served from /staff/assets/staff.css (the CSP allows no inline style). */
export const staffCss = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #5b6470; --line: #d8dde3; --accent: #0b5cad;
  --bg: #f6f7f9; --warn: #a33a00; --bad: #b00020; --good: #1d6b36; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .6rem 1.2rem;
  background: #fff; border-bottom: 1px solid var(--line); }
header.top .brand { font-weight: 700; margin-right: 1rem; }
header.top nav { display: flex; gap: 1rem; flex: 1; }
header.top nav a[aria-current="page"] { font-weight: 700; text-decoration: none; color: var(--ink); }
header.top form { margin: 0; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin-bottom: 1rem; }
.card > h2:first-child { margin-top: 0; }
.muted { color: var(--muted); }
.nowrap { white-space: nowrap; }
.note { white-space: pre-wrap; }
.notice { padding: .6rem .8rem; border-radius: 4px; margin: 0 0 1rem; background: #e8f1fb; border: 1px solid #b7d0ec; }
.error { padding: .6rem .8rem; border-radius: 4px; margin: 0 0 1rem; background: #fdecee; border: 1px solid #f1b3bb; color: var(--bad); }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; font-size: .85rem; color: var(--muted); }
.tabs { display: flex; flex-wrap: wrap; gap: .4rem; margin-bottom: .8rem; padding: 0; list-style: none; }
.tabs a { display: inline-block; padding: .25rem .6rem; border: 1px solid var(--line); border-radius: 999px;
  background: #fff; text-decoration: none; }
.tabs a[aria-current="true"] { background: var(--accent); color: #fff; border-color: var(--accent); }
form.filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: flex-end; margin-bottom: 1rem; }
form.filters label, form.stack label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .2rem; }
input, select, textarea, button { font: inherit; }
input, select, textarea { padding: .3rem .4rem; border: 1px solid #aab3bd; border-radius: 4px; background: #fff; color: var(--ink); }
button { padding: .35rem .9rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent);
  color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--bad); border-color: var(--bad); }
form.stack { display: flex; flex-direction: column; gap: .7rem; max-width: 32rem; }
textarea { min-height: 5rem; }
.pill { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .8rem; border: 1px solid var(--line); }
.pill.high, .pill.urgent, .pill.bad { border-color: var(--bad); color: var(--bad); }
.pill.medium, .pill.soon, .pill.warn { border-color: var(--warn); color: var(--warn); }
.pill.good { border-color: var(--good); color: var(--good); }
.pager { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 1rem; }
.grid.charts { grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); }
dl.answers { display: grid; grid-template-columns: minmax(6rem, 16rem) 1fr; gap: .2rem 1rem; margin: 0; }
dl.answers dt { color: var(--muted); }
dl.answers dd { margin: 0; overflow-wrap: anywhere; }
pre.summary { white-space: pre-wrap; font: inherit; margin: 0; }
ol.transcript { list-style: none; padding: 0; margin: 0; }
ol.transcript li { padding: .4rem .6rem; margin: .3rem 0; border-radius: 6px; max-width: 48rem; overflow-wrap: anywhere; }
ol.transcript .text { white-space: normal; }
ol.transcript .text p { margin: 0 0 .4rem; }
ol.transcript .text p:last-child, ol.transcript .text ul:last-child, ol.transcript .text ol:last-child { margin-bottom: 0; }
ol.transcript li.user .text { white-space: pre-wrap; }
ul.why { margin: 0; padding-left: 1rem; }
form.stack + form.stack { margin-top: 1rem; padding-top: 1rem; border-top: 1px solid var(--line); }
ul.why li { margin: 0; }
.dup { display: block; font-size: .8rem; color: var(--warn-text, #7a4b00); }
.due { font-weight: 600; color: var(--bad-text, #a4262c); }
th a { color: inherit; }
ol.transcript li.user { background: #e8f1fb; margin-left: 4rem; }
ol.transcript li.bot { background: #fff; border: 1px solid var(--line); margin-right: 4rem; }
ol.transcript .meta { display: block; font-size: .75rem; color: var(--muted); }
figure.chart { margin: 0; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart figcaption { font-weight: 600; margin-bottom: .3rem; }
details summary { cursor: pointer; color: var(--accent); font-size: .85rem; }
.actions { display: flex; gap: .6rem; flex-wrap: wrap; align-items: center; }
.login { max-width: 26rem; margin: 4rem auto; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
