// Registrations written straight into a phone's storage, as if typed and saved there, and the
// phone's counts read from its home screen. The one place that knows the app's stored record
// format (`src/store/`): when that format changes, this file is the one to change.
import type { Page } from '@playwright/test';
import type { Person } from './data';

/** The prefix of a stored registration's key (`src/store/keys.rs`). */
const RECORD_PREFIX = 'lindungi.v1.reg.';

/** A registration the phone holds, waiting to be sent. */
export interface QueuedRecord {
  id: string;
  nik: string;
  key: string;
  value: string;
}

/** This month in Mojokerto (UTC+7), `YYYY-MM`: the earliest start month the endpoint accepts. */
export function monthInWib(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
}

/** `p`'s registration, complete and valid, as the app stores it once "Simpan" was tapped. */
export function queuedRecord(p: Person, startMonth = monthInWib()): QueuedRecord {
  const id = crypto.randomUUID();
  const now = new Date(Date.now() - 60_000).toISOString();
  const submission = {
    id,
    schema_version: 1,
    form: {
      participant: {
        nik: p.nik, full_name: p.fullName, place_of_birth: p.placeOfBirth, birth_date: p.birthDate,
        sex: p.sex, mother_maiden_name: p.mother, phone: p.phone, email: '',
      },
      address: { outside_city: false, street: p.street, rt: p.rt, rw: p.rw, kelurahan: p.kelurahan, city: '' },
      business: { name: p.businessName, kind: p.businessKind, other_kind: '', location: p.location, nib: '', employees: '' },
      koperasi: { via_koperasi: false },
      workers: [],
      coverage: { income: p.income, jht: false, period: '1', start_month: startMonth, paid_by_government: false },
      consent: true,
    },
    consent_at: now,
    created_at: now,
    updated_at: now,
    officer: '',
  };
  const record = { v: 1, state: 'queued', submission, receipt: null, last_error: null, nik_key: null };
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
