// Steps around the installable app: making a "new build" of the served copy, filling the
// phone's storage, and finding the update offer.
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/**
 * Turns the endpoint's own copy of the app (`test.use({ ownDist: true })`) into a new
 * build: a changed shell page, and a service worker with another version marker that lists
 * the changed page's digest, as scripts/stamp-sw.mjs would.
 */
export function publishNewBuild(dist: string) {
  const index = join(dist, 'index.html');
  const page = readFileSync(index, 'utf8').replace('<head>', '<head><meta name="lindungi-build" content="2">');
  writeChanged(index, page);
  const sw = join(dist, 'sw.js');
  const before = readFileSync(sw, 'utf8');
  const shell = shellOf(before);
  expect(Object.keys(shell), 'sw.js lists the shell page').toContain('/index.html');
  shell['/index.html'] = createHash('sha256').update(page).digest('hex');
  const after = before
    .replace(/^const VERSION = '[^']+';$/m, "const VERSION = 'build-2';")
    .replace(/^const SHELL = \{[\s\S]*?\};$/m, `const SHELL = ${JSON.stringify(shell)};`);
  expect(after, 'sw.js has a stamped VERSION').toContain("const VERSION = 'build-2';");
  writeChanged(sw, after);
}

/** The files a stamped sw.js precaches, URL → SHA-256 of the file's bytes. */
export function shellOf(sw: string): Record<string, string> {
  const list = /^const SHELL = (\{[\s\S]*?\});$/m.exec(sw);
  expect(list, 'sw.js has a stamped SHELL').not.toBeNull();
  return JSON.parse(list![1]);
}

/** Writes a file and its precompressed copies, as a real build does (scripts/precompress.mjs). */
function writeChanged(path: string, content: string) {
  writeFileSync(path, content);
  writeFileSync(`${path}.br`, brotliCompressSync(Buffer.from(content)));
  writeFileSync(`${path}.gz`, gzipSync(Buffer.from(content)));
}

/** The names of the service worker's caches. */
export function shellCaches(page: Page) {
  return page.evaluate(() => caches.keys());
}

/** The offer to switch to a new version. */
export function updateBanner(page: Page) {
  return page.getByRole('complementary', { name: 'Pembaruan aplikasi' });
}

/** Fills this origin's localStorage to the last byte: the app's next write fails. */
export async function fillStorage(page: Page) {
  await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler.${n++}`, chunk);
        } catch {
          break;
        }
      }
    }
  });
}

/** Undoes [`fillStorage`]. */
export async function freeStorage(page: Page) {
  await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('filler.'))
      .forEach((k) => localStorage.removeItem(k)),
  );
}
