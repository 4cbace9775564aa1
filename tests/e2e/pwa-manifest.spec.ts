import { test, expect, untilServiceWorkerControls } from './fixtures';

type Icon = { src: string; sizes: string; type: string; purpose: string };

// The home-screen app: Chromium must find a complete manifest, in Indonesian, whose
// icons really are PNGs of the sizes it claims, and call the app installable.
test('the manifest is linked and complete, and every icon it names is a PNG of its stated size', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const response = await request.get(href!);
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toBe('application/manifest+json');

  const manifest = await response.json();
  expect(manifest).toMatchObject({
    id: '/',
    short_name: 'Lindungi',
    lang: 'id',
    start_url: '/',
    scope: '/',
    display: 'standalone',
  });
  expect(manifest.name).toContain('Lindungi');
  expect(manifest.description).toContain('BPJS Ketenagakerjaan');
  // The theme is the app's brand green, as the page and its CSS have it.
  const brand = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--brand').trim(),
  );
  expect(manifest.theme_color).toBe(brand);
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', brand);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);

  const icons: Icon[] = manifest.icons;
  for (const size of ['192x192', '512x512']) {
    for (const purpose of ['any', 'maskable']) {
      expect(
        icons.some((i) => i.sizes === size && i.purpose.split(' ').includes(purpose)),
        `a ${purpose} icon of ${size}`,
      ).toBe(true);
    }
  }
  for (const icon of icons) {
    const file = await request.get(icon.src);
    expect(file.ok(), icon.src).toBe(true);
    expect(file.headers()['content-type']).toBe('image/png');
    // Decoded by the browser, not just sniffed: a broken PNG fails here.
    const decoded = await page.evaluate(async (src) => {
      const bitmap = await createImageBitmap(await (await fetch(src)).blob());
      return `${bitmap.width}x${bitmap.height}`;
    }, icon.src);
    expect(decoded, icon.src).toBe(icon.sizes);
  }

  // Chromium's own reading: the manifest parses cleanly and, once the service worker
  // runs, nothing about the app stands in the way of installing (test browsers are
  // incognito, which Chromium reports as well: that one is about the browser).
  await untilServiceWorkerControls(page);
  const cdp = await page.context().newCDPSession(page);
  const { errors } = await cdp.send('Page.getAppManifest');
  expect(errors).toEqual([]);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
});
