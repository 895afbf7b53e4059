// npm run build: bundles src/main.js (and the CSS it imports) into ../wwwroot/assets with content-hashed names, writes
// ../wwwroot/index.html naming them, and records in build-stamp.json the hashes of the sources and of what was written,
// so a .NET test can tell when the committed bundle is not the build of the committed sources (docs/dashboard.md).
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, rmSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const web = dirname(fileURLToPath(import.meta.url));
const out = join(web, '..', 'wwwroot');
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// The inputs of the build, in a fixed order with '/' separators, so that every machine computes the same hash.
export function sourcesHash() {
  const inputs = [...files(join(web, 'src')), ...['index.html', 'build.mjs', 'package.json', 'package-lock.json'].map((f) => join(web, f))]
    .map((path) => relative(web, path).split('\\').join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const path of inputs) hash.update(`${path}\n${sha256(readFileSync(join(web, path)))}\n`);
  return hash.digest('hex');
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });

const result = await esbuild.build({
  entryPoints: { app: join(web, 'src', 'main.js') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  outdir: join(out, 'assets'),
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});

const built = Object.keys(result.metafile.outputs).map((path) => relative(out, join(process.cwd(), path)).split('\\').join('/'));
const script = built.find((f) => f.endsWith('.js'));
const style = built.find((f) => f.endsWith('.css'));
const page = readFileSync(join(web, 'index.html'), 'utf8')
  .replace('%SCRIPT%', script)
  .replace('%STYLE%', style);
writeFileSync(join(out, 'index.html'), page);

const outputs = {};
let gzipped = 0;
for (const path of files(out).map((p) => relative(out, p).split('\\').join('/')).sort()) {
  const bytes = readFileSync(join(out, path));
  outputs[path] = sha256(bytes);
  gzipped += gzipSync(bytes, { level: 9 }).length;
  console.log(`  ${path.padEnd(32)} ${(bytes.length / 1024).toFixed(1).padStart(7)} KiB, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1).padStart(6)} KiB gzipped`);
}
console.log(`  total gzipped: ${(gzipped / 1024).toFixed(1)} KiB`);
writeFileSync(join(web, 'build-stamp.json'), JSON.stringify({ sources: sourcesHash(), outputs }, null, 2) + '\n');
