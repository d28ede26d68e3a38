// Where the bytes of a wasm build go: its sections, then its code grouped by
// origin (our core modules, nlohmann::json, libc++, embind, libc), then the
// largest functions. Function names come from the wasm "name" section, so
// link the build with --profiling-funcs (or -g2), e.g. with
// -DMXRAY_WASM_LINK_EXTRA=--profiling-funcs; without names everything is
// "unnamed".
//
//   node tests/bench/wasm-size.mjs FILE.wasm [--objects BUILD_DIR] [--top N]
//
// --objects BUILD_DIR: attribute our functions to their source file, from
// `llvm-nm -C --defined-only` of the object files under BUILD_DIR (any build
// of the same sources: its own, or a non-LTO one). Functions the compiler
// inlined away count in their callers. "gzip alone" is each group's code
// compressed on its own (gzip -9): a guide to its share of the download, not
// an exact split of the whole file's gzip size.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
let file = null;
let objDir = null;
let top = 40;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--objects') objDir = args[++i];
  else if (args[i] === '--top') top = Number(args[++i]);
  else if (!file) file = args[i];
  else { process.stderr.write(`wasm-size: unexpected argument ${args[i]}\n`); process.exit(2); }
}
if (!file) {
  process.stderr.write('usage: node tests/bench/wasm-size.mjs FILE.wasm [--objects BUILD_DIR] [--top N]\n');
  process.exit(2);
}

const buf = readFileSync(file);
let pos = 8;
function uleb() {
  let result = 0, shift = 0, byte;
  do {
    byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
}
function str() {
  const n = uleb();
  const s = buf.toString('utf8', pos, pos + n);
  pos += n;
  return s;
}

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global',
  'export', 'start', 'element', 'code', 'data', 'datacount'];
const sections = [];
let importedFunctions = 0;
let bodies = [];            // { index, start, end } in buf
const names = new Map();    // function index -> name
while (pos < buf.length) {
  const id = buf[pos++];
  const size = uleb();
  const start = pos;
  const end = start + size;
  let label = SECTION_NAMES[id] ?? `id ${id}`;
  if (id === 0) label = `custom "${str()}"`;
  sections.push({ label, size: end - start, start, end });
  if (id === 2) {
    const n = uleb();
    for (let i = 0; i < n; i++) {
      str(); str();
      const kind = buf[pos++];
      if (kind === 0) { uleb(); importedFunctions++; }
      else if (kind === 1) { pos++; const flags = uleb(); uleb(); if (flags & 1) uleb(); }
      else if (kind === 2) { const flags = uleb(); uleb(); if (flags & 1) uleb(); }
      else if (kind === 3) { pos += 2; }
      else if (kind === 4) { pos++; uleb(); }
    }
  } else if (id === 10) {
    const n = uleb();
    for (let i = 0; i < n; i++) {
      const bodyStart = pos;
      const len = uleb();
      pos += len;
      bodies.push({ index: importedFunctions + i, start: bodyStart, end: pos });
    }
  } else if (label === 'custom "name"') {
    while (pos < end) {
      const sub = buf[pos++];
      const subSize = uleb();
      const subEnd = pos + subSize;
      if (sub === 1) {
        const n = uleb();
        for (let i = 0; i < n; i++) {
          const index = uleb();
          names.set(index, str());
        }
      }
      pos = subEnd;
    }
  }
  pos = end;
}

// The function's qualified name without template arguments, parameters or
// return type: "std::__2::basic_string::append", "mxray::parse_name".
function head(name) {
  let s = name.replace(/\(anonymous namespace\)/g, '{anon}')
    .replace(/operator(<=>|<<=|>>=|<<|>>|<=|>=|->\*|->|<|>|\(\)|\[\])/g, 'operator_');
  let depth = 0, out = '';
  for (const ch of s) {
    if (ch === '<') depth++;
    else if (ch === '>') depth = Math.max(0, depth - 1);
    else if (ch === '(' && depth === 0) break;
    else if (depth === 0) out += ch;
  }
  const parts = out.trim().split(' ');
  return parts[parts.length - 1];
}

// Our functions -> source file, from the object files' symbols.
const sourceOf = new Map();
if (objDir) {
  const objects = [];
  (function walk(dir) {
    for (const entry of readdirSync(dir)) {
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (entry.endsWith('.o')) objects.push(p);
    }
  })(objDir);
  const nm = process.env.LLVM_NM || 'llvm-nm';
  for (const obj of objects) {
    const src = relative(objDir, obj).replace(/^CMakeFiles\/[^/]+\.dir\//, '').replace(/\.o$/, '');
    const out = execFileSync(nm, ['-C', '--defined-only', obj], { encoding: 'utf8', maxBuffer: 1 << 28 });
    for (const line of out.split('\n')) {
      const m = line.match(/^\S*\s+[TtWw]\s+(.*)$/);
      if (m && !sourceOf.has(m[1])) sourceOf.set(m[1], src);
    }
  }
}

const STREAMS = /basic_(i|o|io)?stream|basic_(stream|string)buf|basic_ios|ios_base|locale|ctype|codecvt|num_put|num_get|numpunct|money|time_(put|get)|messages|collate|__num_|__stdoutbuf|__stdinbuf|DoIOSInit|__cloc|__libcpp_(mb|wc|snprintf|sscanf|asprintf)|__widen|__narrow|__scan_keyword/;
function group(name) {
  if (name === undefined) return 'unnamed';
  const h = head(name);
  const base = name.replace(/\.llvm\.\d+$/, '');
  if (/^byn\$/.test(name)) return 'binaryen helpers';
  // The small core's C exports (wasm/small_api.cpp), with what LTO inlined into them.
  if (/^mxs_/.test(name)) return 'wasm/small_api.cpp exports (and what is inlined into them)';
  if (h.startsWith('nlohmann::')) return 'nlohmann::json';
  if (h.startsWith('emscripten::') || /embind|EmscriptenBindingInitializer|__getTypeName/.test(name)) return 'embind';
  if (h.startsWith('std::')) {
    if (STREAMS.test(h)) return 'libc++ streams/locale';
    if (h.startsWith('std::__2::basic_string')) return 'libc++ string';
    return 'libc++ other (containers, algorithms)';
  }
  if (h.startsWith('mxray::') || h.startsWith('{anon}::') || sourceOf.has(base)) {
    const src = sourceOf.get(base);
    if (src) return src.replace(/\/[^/]+$/, '/');
    return h.startsWith('mxray::') ? 'mxray (inlined/unmapped)' : 'anonymous (unmapped)';
  }
  if (h.startsWith('__cxxabiv1::') || /^__cxa_|^__dynamic_cast|^__gxx_|typeinfo/.test(name)) return 'c++abi';
  if (/^(dl|malloc|free|realloc|calloc|sbrk|emscripten_builtin_)/.test(name)) return 'malloc';
  if (!h.includes('::')) return 'libc / compiler-rt';
  return 'other';
}

const kb = (n) => (n / 1024).toFixed(1);
const pct = (n, total) => ((100 * n) / total).toFixed(1);
const total = buf.length;
console.log(`${file}: ${total} bytes, gzip -9 ${gzipSync(buf, { level: 9 }).length}`);
console.log(`${bodies.length} functions defined, ${importedFunctions} imported, ${names.size} names\n`);
console.log('| section | bytes | % | gzip alone |');
console.log('|---|---:|---:|---:|');
for (const s of sections) {
  const gz = gzipSync(buf.subarray(s.start, s.end), { level: 9 }).length;
  console.log(`| ${s.label} | ${s.size} | ${pct(s.size, total)} | ${gz} |`);
}

const groups = new Map();
for (const b of bodies) {
  const name = names.get(b.index);
  const g = group(name);
  if (!groups.has(g)) groups.set(g, { bytes: 0, count: 0, parts: [] });
  const e = groups.get(g);
  e.bytes += b.end - b.start;
  e.count++;
  e.parts.push(buf.subarray(b.start, b.end));
}
const code = bodies.reduce((n, b) => n + b.end - b.start, 0);
console.log(`\n| code group | functions | bytes | KiB | % of code | gzip alone |`);
console.log('|---|---:|---:|---:|---:|---:|');
for (const [g, e] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) {
  const gz = gzipSync(Buffer.concat(e.parts), { level: 9 }).length;
  console.log(`| ${g} | ${e.count} | ${e.bytes} | ${kb(e.bytes)} | ${pct(e.bytes, code)} | ${gz} |`);
}

console.log(`\n| largest functions | group | bytes |`);
console.log('|---|---|---:|');
for (const b of [...bodies].sort((x, y) => (y.end - y.start) - (x.end - x.start)).slice(0, top)) {
  let name = names.get(b.index) ?? `#${b.index}`;
  const shown = name.length > 140 ? `${name.slice(0, 137)}...` : name;
  console.log(`| \`${shown.replace(/\|/g, '\\|')}\` | ${group(names.get(b.index))} | ${b.end - b.start} |`);
}
