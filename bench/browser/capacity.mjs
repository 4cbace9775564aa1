// Capacity: how many realistic registrations fit in the origin's localStorage before the
// browser answers QuotaExceededError, saved through the app's real store, and in the same run
// through the naive one-key store. Characters per registration count every key and value
// the store wrote (records and index pages), divided by the registrations that fitted.
import { fmt, launch, notMeasured, openBench, phoneContext, startEndpoint, writePart } from './lib.mjs';

const BUDGET = 5000;
const endpoint = await startEndpoint();
const browser = await launch();
const lines = [];
let details = {};
try {
  const page = await (await phoneContext(browser)).newPage();
  await openBench(page, endpoint);
  const measure = (store) =>
    page.evaluate(async (store) => {
      window.bench.reset();
      const count = store === 'project' ? await window.bench.project_fill() : window.bench.naive_fill(50);
      let chars = 0;
      let all = 0;
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        const size = key.length + localStorage.getItem(key).length;
        all += size;
        if (key.startsWith(store === 'project' ? 'lindungi.v1.' : 'bench.naive.')) chars += size;
      }
      return { count, chars, all };
    }, store);
  const project = await measure('project');
  const naive = await measure('naive');
  await page.evaluate(() => window.bench.reset());
  const per = (r) => Math.round(r.chars / r.count);
  lines.push({
    line: 'Capacity in localStorage',
    measured: `app store: ${fmt.int(project.count)} registrations, ${fmt.int(per(project))} chars each (${fmt.int(project.all)} chars in all)`,
    baseline: `one-key store: ${fmt.int(naive.count)}, ${fmt.int(per(naive))} chars each`,
    budget: `≥ ${fmt.int(BUDGET)}`,
    within: project.count >= BUDGET,
  });
  details = { project: { ...project, chars_per_registration: per(project) }, naive: { ...naive, chars_per_registration: per(naive) } };
} catch (e) {
  lines.push(notMeasured('Capacity in localStorage', String(e.message ?? e).split('\n')[0], `≥ ${fmt.int(BUDGET)}`));
} finally {
  await browser.close();
  await endpoint.stop();
}
writePart('capacity', lines, details);
