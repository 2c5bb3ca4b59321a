// Demo only: insurance renewal and inspection (年检) dates for a generated car, derived from its
// registration date so the demo tenant always has some due now, some soon and some later.

const anniversary = (registration: string, year: number) => {
  const [, m, d] = registration.split('-');
  // 29 February registrations renew on 28 February in other years.
  const day = m === '02' && d === '29' ? '28' : d;
  return `${year}-${m}-${day}`;
};

/** Insurance renews yearly on the registration anniversary: the next one from 15 days ago. */
export function demoInsuranceExpiry(registration: string, today: string): string {
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 15 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  let year = Number(from.slice(0, 4));
  while (anniversary(registration, year) < from) year++;
  return anniversary(registration, year);
}

/**
 * Private cars: inspection in years 2, 4, 6, 8 and 10 (the first years exempt from the test
 * line still need the sticker), yearly after ten years.
 */
export function demoNextInspection(registration: string, today: string): string {
  const regYear = Number(registration.slice(0, 4));
  let year = Math.max(regYear + 1, Number(today.slice(0, 4)) - 1);
  for (;;) {
    const age = year - regYear;
    const date = anniversary(registration, year);
    if (date >= today && (age > 10 || (age > 0 && age % 2 === 0))) return date;
    year++;
  }
}
