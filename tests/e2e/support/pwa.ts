// Steps around the installable app: making a "new build" of the served copy, filling the
// phone's storage, and finding the update offer.
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/**
 * Turns the endpoint's own copy of the app (`test.use({ ownDist: true })`) into a new
 * build: a changed shell page, and a service worker with another version marker.
 */
export function publishNewBuild(dist: string) {
  const index = join(dist, 'index.html');
  writeChanged(index, readFileSync(index, 'utf8').replace('<head>', '<head><meta name="lindungi-build" content="2">'));
  const sw = join(dist, 'sw.js');
  const before = readFileSync(sw, 'utf8');
  const after = before.replace(/^const VERSION = '[^']+';$/m, "const VERSION = 'build-2';");
  expect(after, 'sw.js has a stamped VERSION').not.toBe(before);
  writeChanged(sw, after);
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
