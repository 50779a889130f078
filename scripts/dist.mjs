// Finishes a build of the planner: Trunk runs it after each build (a post_build hook in
// Trunk.toml) on its staging folder; `node scripts/dist.mjs DIR [--no-single]` runs it on
// any built folder (the end-to-end update test uses that to make a second build). It
//   1. moves Trunk's inline loader script into a file of its own (start-<hash>.js), so the
//      page has no inline script at all and its Content-Security-Policy is the same for
//      every build: a host can send it as a fixed header;
//   1b. writes _headers: the headers a host should send, in the format some static hosts
//      read, with the page's policy plus what only a header can say (`frame-ancestors`
//      is ignored in a <meta> policy, so only the header keeps other sites from framing
//      the planner). The end-to-end server sends them with every file;
//   2. writes sw.js from assets/sw.js, listing this build's files, with a version that is a
//      hash of them all;
//   3. (release builds) writes release/negotiation-planner.html: the whole app in one file
//      that opens from disk, with its own strict policy (hashes, no 'unsafe-inline');
//   4. (release builds) writes a .br and a .gz beside each file except the PNG icons, for
//      hosts that serve precompressed files, and checks that each one decompresses to its
//      original.
// Only Node's standard library: nothing to install.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const here = path.dirname(new URL(import.meta.url).pathname);
const source = process.env.TRUNK_SOURCE_DIR || path.join(here, "..");
const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--")) || process.env.TRUNK_STAGING_DIR;
if (!dir) fail("no folder: run by Trunk as a post_build hook, or give the built folder");
const release = process.env.TRUNK_PROFILE !== "debug";
const single = release && !args.includes("--no-single");

function fail(message) {
  console.error(`dist.mjs: ${message}`);
  process.exit(1);
}

const sha256 = (data) => createHash("sha256").update(data);
const shortHash = (data) => sha256(data).digest("hex").slice(0, 16);
const cspHash = (text) => `'sha256-${sha256(Buffer.from(text, "utf8")).digest("base64")}'`;
const read = (name) => fs.readFileSync(path.join(dir, name));

// An attribute of one tag, quoted or not (Trunk's minifier drops the quotes).
function attr(tag, name) {
  const m = tag.match(new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i"));
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}
const links = (html, rel) =>
  [...html.matchAll(/<link\b[^>]*>/gi)].map((m) => m[0]).filter((t) => attr(t, "rel") === rel);
const local = (href) => href.replace(/^\.\//, "");

// Every file of the build, relative and with forward slashes; compressed copies left out.
function files() {
  const out = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (!/\.(br|gz)$/.test(rel)) out.push(rel);
    }
  };
  walk("");
  return out.sort();
}

// 1. The loader into a file.
let html = read("index.html").toString("utf8");
const inline = /<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;
const loaders = [...html.matchAll(inline)];
if (loaders.length > 1) fail(`${loaders.length} inline scripts in index.html; expected Trunk's loader only`);
if (loaders.length === 1) {
  const code = loaders[0][1];
  const name = `start-${shortHash(code)}.js`;
  fs.writeFileSync(path.join(dir, name), code);
  html = html.replace(loaders[0][0], `<script type="module" src="./${name}"></script>`);
  fs.writeFileSync(path.join(dir, "index.html"), html);
}
const start = [...html.matchAll(/<script\b[^>]*>/gi)]
  .map((m) => attr(m[0], "src"))
  .find((src) => src && /start-[0-9a-f]+\.js$/.test(src));
if (!start) fail("index.html loads no start-<hash>.js");

// 1b. The headers a host should send (docs/hosting.md).
const policy = html.match(/<meta\b[^>]*http-equiv=("?)Content-Security-Policy\1[^>]*>/i);
if (!policy || !attr(policy[0], "content")) fail("index.html has no Content-Security-Policy");
fs.writeFileSync(
  path.join(dir, "_headers"),
  "/*\n" +
    `  Content-Security-Policy: ${attr(policy[0], "content").trim().replace(/;$/, "")}; frame-ancestors 'none'\n` +
    "  X-Content-Type-Options: nosniff\n" +
    "  X-Frame-Options: DENY\n" +
    "  Referrer-Policy: no-referrer\n",
);

// 2. The service worker: every file of the app, but not the host's headers.
const cached = files().filter((f) => f !== "sw.js" && f !== "_headers");
cached.splice(cached.indexOf("index.html"), 1);
cached.unshift("index.html");
const version = shortHash(cached.map((f) => `${f}\0${shortHash(read(f))}\n`).join(""));
const template = fs.readFileSync(path.join(source, "assets/sw.js"), "utf8");
if (!template.includes("__VERSION__") || !template.includes("__FILES__")) fail("assets/sw.js lacks its placeholders");
fs.writeFileSync(
  path.join(dir, "sw.js"),
  template.replace("__VERSION__", version).replace("__FILES__", JSON.stringify(cached, null, 2)),
);

// 3. One file.
if (single) {
  const loader = read(local(start)).toString("utf8");
  const bindgen = loader.match(/from\s+'\.\/(planner-[0-9a-f]+\.js)'/);
  const wasm = loader.match(/module_or_path:\s*'\.\/(planner-[0-9a-f]+_bg\.wasm)'/);
  if (!bindgen || !wasm) fail(`cannot find the module and the wasm in ${start}`);
  const js = read(bindgen[1]).toString("utf8");
  if (!/__wbg_init as default/.test(js)) fail(`${bindgen[1]} does not export __wbg_init`);
  // The module, and the wasm as base64 handed to its init: no fetch, so it works from disk.
  const script =
    `${js}\n` +
    `const text = atob("${read(wasm[1]).toString("base64")}");\n` +
    "const bytes = new Uint8Array(text.length);\n" +
    "for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n" +
    "await __wbg_init({ module_or_path: bytes });\n";
  const sheets = links(html, "stylesheet");
  const css = sheets.map((t) => read(local(attr(t, "href"))).toString("utf8")).join("\n");
  if (/<\/(script|style)/i.test(script + css)) fail("a closing tag inside the code to inline");
  const icon = links(html, "icon")[0];
  const iconData = `data:image/svg+xml;base64,${read(local(attr(icon, "href"))).toString("base64")}`;
  const policy = [
    "default-src 'none'",
    `script-src 'wasm-unsafe-eval' ${cspHash(script)}`,
    `style-src ${cspHash(css)}`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  let page = html;
  const csp = page.match(/<meta\b[^>]*http-equiv=("?)Content-Security-Policy\1[^>]*>/i);
  if (!csp) fail("index.html has no Content-Security-Policy");
  page = page.replace(csp[0], `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
  page = page.replace(sheets[0], () => `<style>${css}</style>`);
  for (const tag of [...sheets.slice(1), ...["modulepreload", "preload", "manifest", "apple-touch-icon"].flatMap((r) => links(page, r))]) {
    page = page.replace(tag, "");
  }
  page = page.replace(icon, `<link rel="icon" type="image/svg+xml" href="${iconData}">`);
  page = page.replace(/<script\b[^>]*\ssrc=[^>]*><\/script>/i, () => `<script type="module">${script}</script>`);
  if (/\ssrc=|\shref=(?!"data:)/i.test(page.replace(/<script type="module">[\s\S]*<\/script>/, ""))) {
    fail("the single file still refers to another file");
  }
  const out = path.join(source, "release");
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "negotiation-planner.html"), page);
}

// 4. Precompressed copies.
if (release) {
  const all = files();
  for (const f of fs.readdirSync(dir, { recursive: true })) {
    const m = String(f).match(/^(.*)\.(br|gz)$/);
    if (m && !all.includes(m[1].split(path.sep).join("/"))) fs.rmSync(path.join(dir, String(f)));
  }
  for (const f of all.filter((f) => !f.endsWith(".png"))) {
    const data = read(f);
    const br = zlib.brotliCompressSync(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    });
    const gz = zlib.gzipSync(data, { level: 9 });
    if (!zlib.brotliDecompressSync(br).equals(data) || !zlib.gunzipSync(gz).equals(data)) {
      fail(`compressing ${f} does not round-trip`);
    }
    fs.writeFileSync(path.join(dir, `${f}.br`), br);
    fs.writeFileSync(path.join(dir, `${f}.gz`), gz);
  }
}
console.log(`dist.mjs: ${cached.length} files, service worker version ${version}`);
