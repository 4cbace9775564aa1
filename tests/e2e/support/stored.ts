// Registrations written straight into a phone's storage, in the shapes releases of the app store
// them, and the phone's counts read from its home screen: how journeys put hundreds of
// registrations on a phone in a moment, or a record an older release (or a newer one) left
// behind. The one place that knows the app's stored record format (`src/store/`): when that
// format changes, this file is the one to change. Generated people only: valid NIKs for Kota
// Mojokerto and made-up names, never real people's data.
import type { Page } from '@playwright/test';
import type { Person } from './data';
import { monthInWib, submission } from './city';

/** The prefix of a stored registration's key (`src/store/keys.rs`). */
const RECORD_PREFIX = 'lindungi.v1.reg.';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export { monthInWib };

export interface SubmissionOptions {
  /** The start month of the cover (`YYYY-MM`); this month in Mojokerto by default. */
  startMonth?: string;
  /** When the draft was started (RFC 3339); now by default. */
  createdAt?: string;
  /** When it was last edited; `createdAt` by default. */
  updatedAt?: string;
  /** The schema version it says it was written with; 1 (today's) by default. */
  schemaVersion?: number;
}

/** A complete, valid submission for generated person `n` (unique NIK for n < 9999). */
export function storedSubmission(n: number, options: SubmissionOptions = {}) {
  const id = crypto.randomUUID();
  const female = n % 2 === 1;
  const day = 1 + (n % 28);
  const month = 1 + (n % 12);
  const year = 1960 + (n % 40);
  const nik = `357603${pad(day + (female ? 40 : 0))}${pad(month)}${pad(year % 100)}${pad(1 + n, 4)}`;
  const createdAt = options.createdAt ?? new Date().toISOString();
  const submission = {
    id,
    schema_version: options.schemaVersion ?? 1,
    form: {
      participant: {
        nik, full_name: `Uji Peserta ${n}`.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]), place_of_birth: 'Mojokerto',
        birth_date: `${year}-${pad(month)}-${pad(day)}`, sex: female ? 'P' : 'L', mother_maiden_name: 'Ibu Uji',
        phone: `0813${pad(n, 8)}`, email: '',
      },
      address: { outside_city: false, street: `Jl. Uji ${n}`, rt: '1', rw: '2', kelurahan: '35.76.03.1001', city: '' },
      business: { name: 'Warung Uji', kind: '56103', other_kind: '', location: 'Pasar Kranggan', nib: '', employees: '' },
      koperasi: { via_koperasi: false, name: '', member_number: '' },
      coverage: { income: '1.500.000', jht: false, period: '1', start_month: options.startMonth ?? monthInWib(), paid_by_government: false },
      consent: true,
    },
    consent_at: createdAt, created_at: createdAt, updated_at: options.updatedAt ?? createdAt, officer: '',
  };
  return { id, nik, submission };
}

export type Submission = ReturnType<typeof storedSubmission>['submission'];

/** One stored registration: its key's id and the value written under it. */
export interface StoredEntry {
  id: string;
  nik: string;
  record: unknown;
}

/** A queued registration as the first releases stored it (envelope version 1). */
export function queuedV1(n: number, options: SubmissionOptions = {}): StoredEntry {
  const { id, nik, submission } = storedSubmission(n, options);
  return { id, nik, record: { v: 1, state: 'queued', submission, receipt: null, last_error: null, nik_key: null } };
}

/** A registration as today's release stores it (envelope version 2), in `state`. */
export function storedV2(n: number, state: string, options: SubmissionOptions = {}, extra: Record<string, unknown> = {}): StoredEntry {
  const { id, nik, submission } = storedSubmission(n, options);
  return { id, nik, record: { v: 2, state, submission, ...extra } };
}

/** Writes registrations straight into the tab's storage, record keys only (no index): as if
 *  the tab had died between record and index, so the store's repair is exercised too. */
export async function inject(page: Page, entries: StoredEntry[]) {
  await page.evaluate(
    ({ rs, prefix }) => {
      for (const r of rs) localStorage.setItem(`${prefix}${r.id}`, JSON.stringify(r.record));
    },
    { rs: entries, prefix: RECORD_PREFIX },
  );
}

/** The raw stored value of registration `id`, if any. */
export function rawRecord(page: Page, id: string) {
  return page.evaluate((key) => localStorage.getItem(key), `${RECORD_PREFIX}${id}`);
}

/** Every key the app keeps unreadable entries under. */
export function quarantineKeys(page: Page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lindungi.v1.quarantine.')));
}

/** How many registrations this tab's storage holds as sent to the city. */
export function syncedCount(page: Page) {
  return page.evaluate(
    (prefix) =>
      Object.keys(localStorage).filter((k) => {
        if (!k.startsWith(prefix)) return false;
        try {
          return JSON.parse(localStorage.getItem(k)!).state === 'synced';
        } catch {
          return false;
        }
      }).length,
    RECORD_PREFIX,
  );
}

/** A registration the phone holds, waiting to be sent. */
export interface QueuedRecord {
  id: string;
  nik: string;
  key: string;
  value: string;
}

/** `p`'s registration, complete and valid, as the app stores it once "Simpan" was tapped. */
export function queuedRecord(p: Person, startMonth = monthInWib()): QueuedRecord {
  const sub = submission(p, { startMonth });
  const id = sub.id;
  const record = { v: 1, state: 'queued', submission: sub, receipt: null, last_error: null, nik_key: null };
  return { id, nik: p.nik, key: `${RECORD_PREFIX}${id}`, value: JSON.stringify(record) };
}

/** Writes the records into the page's storage (records only: the store indexes what it finds
 *  when the app next opens). */
export async function storeQueued(page: Page, records: QueuedRecord[]) {
  await page.evaluate((rs) => {
    for (const r of rs) localStorage.setItem(r.key, r.value);
  }, records.map(({ key, value }) => ({ key, value })));
}

/** The home screen's count of registrations this phone has sent ("Terkirim"). */
export function sentOnPhone(page: Page) {
  return page.getByRole('region', { name: 'Pendaftaran di ponsel ini' }).getByRole('definition').nth(2);
}
