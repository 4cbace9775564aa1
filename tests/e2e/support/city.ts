// The city's side of a journey: registrations sent straight to the real API, as another
// officer's phone would send them.
import { expect } from '@playwright/test';
import type { Endpoint } from '../fixtures';
import { person, type Person } from './data';

export const WAGE_EARNER = person(900);
export const KOPERASI = {
  via_koperasi: true,
  id: '5b0c1f6e-2d4a-4c8e-9f1a-7e3d2c1b0a99',
  name: 'Koperasi Kelurahan Merah Putih Kauman',
  chair_nik: person(901).nik,
  kelurahan: 'Kauman',
  legal_number: '',
  member_number: 'KMP-0007',
};

/** This month in Mojokerto (UTC+7), `YYYY-MM`: the earliest start month the endpoint accepts. */
export function monthInWib(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
}

/** A registration as the app sends it (and stores it once "Simpan" was tapped), for `p`;
 *  optionally with a worker and a koperasi, and a start month other than this month. */
export function submission(p: Person, { withWorker = false, viaKoperasi = false, startMonth = monthInWib() } = {}) {
  const now = new Date(Date.now() - 60_000).toISOString();
  return {
    id: crypto.randomUUID(),
    schema_version: 1,
    form: {
      participant: {
        nik: p.nik, full_name: p.fullName, place_of_birth: p.placeOfBirth, birth_date: p.birthDate,
        sex: p.sex, mother_maiden_name: p.mother, phone: p.phone, email: '',
      },
      address: { outside_city: false, street: p.street, rt: p.rt, rw: p.rw, kelurahan: p.kelurahan, city: '' },
      business: { name: p.businessName, kind: p.businessKind, other_kind: '', location: p.location, nib: '', employees: withWorker ? '1' : '' },
      koperasi: viaKoperasi ? KOPERASI : { via_koperasi: false },
      workers: withWorker ? [{ full_name: WAGE_EARNER.fullName, nik: WAGE_EARNER.nik, phone: WAGE_EARNER.phone, wage: '2.100.000' }] : [],
      coverage: { income: p.income, jht: false, period: '1', start_month: startMonth, paid_by_government: false },
      consent: true,
    },
    consent_at: now,
    created_at: now,
    updated_at: now,
    officer: '',
  };
}

/** Enrolls a phone of `officer` through the API and sends `registrations` from it, all to be
 *  accepted; their receipt numbers, in order. */
export async function sendAsOfficer(endpoint: Endpoint, officer: string, registrations: unknown[]): Promise<string[]> {
  const enrolled = await fetch(`${endpoint.url}/api/v1/devices`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ enrollment_code: endpoint.enrollmentCode(officer), device_name: 'HP pasar' }),
  });
  expect(enrolled.status).toBe(201);
  const { token } = (await enrolled.json()) as { token: string };
  const sent = await fetch(`${endpoint.url}/api/v1/registrations/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ registrations }),
  });
  expect(sent.status).toBe(200);
  const { results } = (await sent.json()) as { results: { outcome: string; receipt: string }[] };
  expect(results.map((r) => r.outcome)).toEqual(registrations.map(() => 'accepted'));
  return results.map((r) => r.receipt);
}

