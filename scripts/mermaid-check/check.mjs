// Parses wardley-beta diagrams with Mermaid's own parser. Each argument is a file; the result is
// one JSON line per file on standard output: {"file": ..., "ok": true} or {"file": ..., "ok":
// false, "error": "..."}. Mermaid needs a DOM, which jsdom provides.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;

const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  try {
    await mermaid.parse(text);
    console.log(JSON.stringify({ file, ok: true }));
  } catch (e) {
    console.log(JSON.stringify({ file, ok: false, error: String(e && e.message ? e.message : e).split('\n').slice(0, 6).join('\n') }));
  }
}
