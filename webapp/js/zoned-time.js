// Local date and time in a named time zone, and back, with the browser's Intl time-zone data
// (no library): what the booking form needs to send ISO-8601 instants with their offset.

/** Minutes the zone is ahead of UTC at the given instant. */
export function offsetMinutes(utcMillis, zone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMillis));
  const part = (type) => Number(parts.find((p) => p.type === type).value);
  const wallClockAsUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wallClockAsUtc - utcMillis) / 60000);
}

/** "2026-12-01", "10:00", "Europe/Madrid" -> "2026-12-01T10:00:00+01:00". */
export function zonedIso(date, time, zone) {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wallClock = Date.UTC(year, month - 1, day, hour, minute);
  let offset = offsetMinutes(wallClock, zone);
  const corrected = offsetMinutes(wallClock - offset * 60000, zone);
  if (corrected !== offset) offset = corrected;
  return `${date}T${pad(hour)}:${pad(minute)}:00${formatOffset(offset)}`;
}

/** The instant as UTC in RFC 5545 form, for an RRULE's UNTIL: 20261231T225959Z. */
export function icalUtc(isoWithOffset) {
  return new Date(isoWithOffset).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Date and time parts of an ISO string with offset, as the server sends them (already in the meeting's zone). */
export function localParts(iso) {
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

export function formatInZone(iso, zone, language, options = { dateStyle: 'full', timeStyle: 'short' }) {
  return new Intl.DateTimeFormat(language, { ...options, timeZone: zone }).format(new Date(iso));
}

/**
 * A time zone as people read it, in their language: the zone's long name at that instant (daylight saving time
 * or not) and, for a zone named after a city, the city: "Madrid (hora de verano de Europa central)".
 */
export function zoneLabel(zone, language, iso = new Date().toISOString()) {
  let name = zone;
  try {
    name = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: 'long' }).formatToParts(new Date(iso))
      .find((part) => part.type === 'timeZoneName')?.value || zone;
  } catch {
    return zone;
  }
  const city = zone.includes('/') ? zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' ') : '';
  return city && city !== name ? `${city} (${name})` : name;
}

export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function knownZones() {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [browserZone()];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function formatOffset(minutes) {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}
