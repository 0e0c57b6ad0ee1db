// The from/to filters of the auditor's pages: date-time inputs read in the browser's time zone and sent as
// ISO-8601 instants, which is what the API compares stored times with.

const pad = (number) => String(number).padStart(2, '0');

/** The browser's time zone, named so the auditor knows which clock the filters use. */
export function browserTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A datetime-local input's value for this moment, to the minute, in the browser's zone. */
export function localInputValue(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The instant a datetime-local input names, as ISO-8601 in UTC; null when it is empty (the API then chooses), and
 * undefined when the browser holds something that is not a time.
 */
export function instantOf(input) {
  if (!input.value) return input.validity && input.validity.badInput ? undefined : null;
  // A date-time without an offset is read as local time (ECMAScript's Date parsing of this form).
  const date = new Date(input.value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Fills {@code input} with the moment {@code hours} before now, unless the auditor already chose one. */
export function startHoursAgo(input, hours) {
  if (!input.value) input.value = localInputValue(new Date(Date.now() - hours * 3600 * 1000));
}
