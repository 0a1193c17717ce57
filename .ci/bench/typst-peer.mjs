// Peer of `ovk batch` for .ci/bench/batch.sh: typesets every agreement of a
// folder of plain-text renderings (ovk draft --format text) as a PDF with
// Typst, through its node binding (npm @myriaddreamin/typst-ts-node-compiler),
// in one process: A4, 25 mm margins, DejaVu Serif 10.5 pt (the fonts ovk
// embeds), justified Dutch text with hyphenation, the chapters and articles as
// headings (and so as PDF bookmarks), a page footer.
//
// Usage: node typst-peer.mjs TEXT_DIR OUT_DIR FONT_DIR
// Prints one line of JSON: {"drafted": N, "bytes": TOTAL}.
//
// What the peer is given for free, and so does not do: selecting clauses,
// filling in parameters, checking the profile, embedding a manifest and
// the profile. It typesets text that ovk assembled.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, basename } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");

const [textDir, outDir, fontDir] = process.argv.slice(2);

// esc makes plain text safe inside Typst markup.
const esc = (s) => s.replace(/[\\#$*_`<>@\[\]~=\/]/g, (c) => "\\" + c).replace(/^([-+]|\d+\.)/, "\\$1");

const preamble = `#set document(title: "Samenwerkingsovereenkomst")
#set page(paper: "a4", margin: 25mm, footer: context align(center, text(8pt)[Pagina #counter(page).display() van #counter(page).final().first()]))
#set text(font: "DejaVu Serif", size: 10.5pt, lang: "nl", hyphenate: true)
#set par(justify: true, leading: 0.55em, spacing: 0.9em)
#show heading.where(level: 1): set text(size: 12pt)
#show heading.where(level: 2): set text(size: 10.5pt)
#show heading: set block(above: 1.6em, below: 0.8em)
`;

// typst turns one plain-text agreement into Typst markup: blocks are split
// at blank lines; a block's first lines are items when they start with
// "§ 1.", "1°" or "- ", continuation lines are joined to the item.
function typst(text) {
  const out = [preamble];
  const blocks = text.split(/\n\s*\n/).map((b) => b.replace(/\s+$/, "")).filter((b) => b.trim() !== "");
  blocks.forEach((block, i) => {
    const lines = block.split("\n");
    const first = lines[0].trim();
    if (i === 0) {
      out.push(`#align(center)[#text(size: 17pt, weight: "bold")[${esc(first)}] \\ #text(size: 11pt)[${esc(lines.slice(1).map((l) => l.trim()).join(" "))}]]`);
      return;
    }
    if (lines.length === 1 && /^HOOFDSTUK /.test(first)) {
      out.push(`= ${esc(first)}`);
      return;
    }
    if (lines.length === 1 && /^Artikel \d+/.test(first)) {
      out.push(`== ${esc(first)}`);
      return;
    }
    const items = [];
    for (const line of lines) {
      const t = line.trim();
      const m = t.match(/^(§ \d+\.|\d+°|-)\s+(.*)$/);
      if (m && (line === t || /^\s{4}\d+°/.test(line) || /^- /.test(t))) {
        items.push({ label: m[1], indent: /^\s+\d+°/.test(line), text: m[2] });
      } else if (items.length > 0 && line !== t) {
        items[items.length - 1].text += " " + t;
      } else {
        items.push({ label: "", indent: false, text: t });
      }
    }
    for (const it of items) {
      if (it.label === "") {
        out.push(`${esc(it.text)}\n`);
      } else {
        const pad = it.indent ? "5mm" : "0mm";
        out.push(`#pad(left: ${pad})[#grid(columns: (8mm, 1fr), [${esc(it.label)}], [${esc(it.text)}])]\n`);
      }
    }
  });
  return out.join("\n");
}

const fonts = ["DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"].map((f) => readFileSync(join(fontDir, f)));
const compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: fonts }] });
let n = 0;
let bytes = 0;
for (const name of readdirSync(textDir).filter((f) => f.endsWith(".txt")).sort()) {
  const src = typst(readFileSync(join(textDir, name), "utf8"));
  const pdf = compiler.pdf({ mainFileContent: src });
  writeFileSync(join(outDir, basename(name, ".txt") + ".pdf"), pdf);
  compiler.evictCache(10);
  n++;
  bytes += pdf.length;
}
console.log(JSON.stringify({ drafted: n, bytes }));
