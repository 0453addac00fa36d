// Times OWM's own converter (wmlandscape, the engine of OnlineWardleyMaps) on every map of a
// folder: for each map, Converter.parse and UnifiedConverter.parse (what the app renders from),
// each run 200 times to warm the JIT, then the fastest of 5 batches of 200. Prints per map its
// file name and, in nanoseconds per parse, the wall and CPU time of each (tab-separated).
// wmlandscape is installed without its peer dependencies (React, MUI, ...): the converter uses
// none of them, so their requires are answered with stand-ins.
const Module = require('module');
const load = Module._load;
function standIn() {
  const f = function () {};
  return new Proxy(f, {
    get: (t, p) => (p in t ? t[p] : p === '__esModule' ? false : typeof p === 'symbol' ? undefined : (t[p] = standIn())),
    apply: () => standIn(),
    construct: () => standIn(),
  });
}
Module._load = function (request) {
  if (request === 'wmlandscape' || request.startsWith('.') || request.startsWith('/') || request.startsWith('node:')) {
    return load.apply(this, arguments);
  }
  try {
    return load.apply(this, arguments);
  } catch (e) {
    return standIn();
  }
};
const wm = require('wmlandscape');
const fs = require('fs');
const path = require('path');

function time(parse, text) {
  for (let i = 0; i < 200; i++) parse(text);
  let wall = Infinity, cpu = Infinity;
  for (let r = 0; r < 5; r++) {
    const n = 200;
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) parse(text);
    wall = Math.min(wall, Number(process.hrtime.bigint() - t0) / n);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, ((c.user + c.system) * 1000) / n);
  }
  return [wall, cpu];
}

const dir = process.argv[2];
const converter = new wm.Converter({});
const unified = new wm.UnifiedConverter({});
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.owm')).sort()) {
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  if (converter.parse(text).elements === undefined) throw new Error(`${f}: the converter returned no elements`);
  const [cw, cc] = time((t) => converter.parse(t), text);
  const [uw, uc] = time((t) => unified.parse(t), text);
  console.log([f, cw, cc, uw, uc].map((v) => (typeof v === 'number' ? v.toFixed(0) : v)).join('\t'));
}
