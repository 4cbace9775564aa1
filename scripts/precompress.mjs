// Writes a brotli (.br) and a gzip (.gz) copy beside every text and wasm file of the build, so
// the endpoint can send the wasm at about a third of its size over one bar of signal without
// compressing on every request (see server/src/static_files.rs). Run by scripts/post-build.mjs
// last, so the compressed sw.js is the stamped one.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(wasm|js|mjs|css|html|webmanifest|json|svg|txt)$/;

/** Compresses every compressible file under `dir`. */
export function precompress(dir) {
  let before = 0;
  let after = 0;
  walk(dir, (path, name) => {
    if (!COMPRESSIBLE.test(name)) return;
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]: name.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
    before += raw.length;
    after += br.length;
  });
  console.log(`precompressed: ${(before / 1024).toFixed(0)} KB -> ${(after / 1024).toFixed(0)} KB brotli`);
}

function walk(folder, visit) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path, visit);
    else visit(path, name);
  }
}
