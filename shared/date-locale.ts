/**
 * The Intl locale that dates and times are written in: the language, the shop's country's way.
 * "en" in the United Kingdom is "en-GB" (3 March 2027, 22:00), in the US "en-US" (March 3, 2027,
 * 10:00 PM); "es" in Mexico is "es-MX" (10:00 p.m.), in Spain "es-ES" (22:00). Reading "3/4" already
 * follows the country (entity-dates.ts), so saying it back must too. A pair Intl has no data for
 * ("es-GB") falls back to the language alone. Numbers and money keep the language only: they are
 * read by the language's decimal mark, and said back with the same one.
 */
export function dateLocale(language: string, region: string | undefined): string {
  return region !== undefined && /^[A-Z]{2}$/.test(region) ? `${language}-${region}` : language;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/**
 * A wall-clock time (no date, no zone) as `dates` writes it: "10:00 PM" (en-US), "22:00" (en-GB,
 * es-ES). Formatted in UTC from its own fields, so the machine's zone never moves it; one formatter
 * per locale (building one costs far more than using it). Throws RangeError for a malformed tag.
 */
export function clockIn(dates: string, hours: number, minutes: number): string {
  let f = clocks.get(dates);
  if (!f) clocks.set(dates, (f = new Intl.DateTimeFormat(dates, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' })));
  return f.format(Date.UTC(2000, 0, 1, hours, minutes));
}

/** A wall-clock "HH:MM" (a setting, a slot value) as `dates` writes it; anything else as it is. */
export function clockTextIn(dates: string, hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  return m ? clockIn(dates, Number(m[1]), Number(m[2])) : hhmm;
}

const monthFirstCache = new Map<string, boolean>();

/**
 * Whether `dates` writes a numeric date month first, so a bare "3/4" is 4 March: en-US and the
 * places that write dates the US way (en-PH, en-PR, en-GU...); en-GB, es-US and every Spanish locale
 * write the day first. Year-first locales (en-CA, en-ZA: "2027-03-04") keep the day-first reading.
 * From Intl, like the dates the bot says back, so reading and saying agree.
 */
export function monthFirst(dates: string): boolean {
  let v = monthFirstCache.get(dates);
  if (v === undefined) {
    let first: string | undefined;
    try {
      first = new Intl.DateTimeFormat(dates, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).formatToParts(Date.UTC(2027, 2, 4)).find((p) => p.type !== 'literal')?.type;
    } catch {
      // A malformed tag: the day-first reading most of the world uses.
    }
    monthFirstCache.set(dates, (v = first === 'month'));
  }
  return v;
}
