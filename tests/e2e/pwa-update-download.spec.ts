import { test, expect, untilServiceWorkerControls } from './fixtures';
import { publishNewBuild, updateBanner } from './support/pwa';

test.use({ ownDist: true });

// A new release costs a phone what changed, not the whole app again: the new version takes
// every file it shares with the running one from the phone's own copy (public/sw.js). Here
// the release changed the shell page only.
test('a new version downloads only the files that changed', async ({ page, context, endpoint }) => {
  await page.goto('/');
  await untilServiceWorkerControls(page);

  const downloaded: string[] = [];
  context.on('request', (request) => {
    if (request.serviceWorker()) downloaded.push(new URL(request.url()).pathname);
  });
  publishNewBuild(endpoint.dist);
  await page.reload();
  await expect(updateBanner(page)).toContainText('Versi baru tersedia');

  // The new worker itself, and the one file that changed.
  expect(downloaded.sort()).toEqual(['/index.html', '/sw.js']);
});
