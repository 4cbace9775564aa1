// Generated people for the journeys: valid NIKs for Kota Mojokerto, made-up names.
// Never real people's data. Deterministic from a seed so a failure can be replayed.

export interface Person {
  nik: string;
  fullName: string;
  placeOfBirth: string;
  birthDate: string; // YYYY-MM-DD
  sex: 'L' | 'P';
  mother: string;
  phone: string;
  street: string;
  rt: string;
  rw: string;
  kelurahan: string; // visible name
  businessName: string;
  businessKind: string; // KBLI code
  location: string;
  income: string;
}

function rng(seed: number) {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const GIVEN = ['Sulastri', 'Wahyudi', 'Murniati', 'Supriyadi', 'Kartini', 'Slamet', 'Endang', 'Bambang', 'Yuliani', 'Agus'];
const FAMILY = ['Prasetyo', 'Wulandari', 'Hidayat', 'Rahayu', 'Santoso', 'Lestari', 'Setiawan', 'Purwanti'];
const KELURAHAN = ['Kauman', 'Mentikan', 'Magersari', 'Gedongan', 'Kranggan', 'Miji', 'Meri', 'Wates'];
const KINDS = ['56102', '56103', '56104', '61999', '96200'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function person(seed: number): Person {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const sex: 'L' | 'P' = r() < 0.5 ? 'L' : 'P';
  const year = 1960 + Math.floor(r() * 40);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const serial = 1 + Math.floor(r() * 9998);
  const nik = `357602${pad(day + (sex === 'P' ? 40 : 0))}${pad(month)}${pad(year % 100)}${pad(serial, 4)}`;
  const given = pick(GIVEN);
  return {
    nik,
    fullName: `${given} ${pick(FAMILY)}`,
    placeOfBirth: 'Mojokerto',
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    sex,
    mother: `${pick(GIVEN)} ${pick(FAMILY)}`,
    phone: `0812${pad(Math.floor(r() * 1e8), 8)}`,
    street: `Jl. Majapahit ${1 + Math.floor(r() * 200)}`,
    rt: String(1 + Math.floor(r() * 9)),
    rw: String(1 + Math.floor(r() * 9)),
    kelurahan: pick(KELURAHAN),
    businessName: `Warung ${given}`,
    businessKind: pick(KINDS),
    location: 'Pasar Tanjung Anyar',
    income: '1.000.000',
  };
}
