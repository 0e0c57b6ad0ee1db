// Where to go after sign-in. Only the portal's own pages that need a session, with their own parameters, are
// accepted; anything else, however it is spelled (other origins, backslashes, tabs, nested sign-ins), becomes the
// default page. The server applies the same rule to single sign-on (NextPage.java); both are checked against
// src/test/resources/next-page-cases.json.

export const DEFAULT_PAGE = '/meetings.html';

const PAGES = {
  '/meetings.html': [],
  '/book.html': ['id'],
  '/meeting.html': ['id', 'booked'],
};
const VALUE = /^[A-Za-z0-9-]{1,64}$/;

export function nextPage(requested) {
  if (!requested) return DEFAULT_PAGE;
  let url;
  try {
    url = new URL(requested, location.origin);
  } catch {
    return DEFAULT_PAGE;
  }
  const allowed = Object.hasOwn(PAGES, url.pathname) ? PAGES[url.pathname] : null;
  if (url.origin !== location.origin || allowed === null) return DEFAULT_PAGE;
  const kept = [];
  const seen = new Set();
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name) || seen.has(name) || !VALUE.test(value)) return DEFAULT_PAGE;
    seen.add(name);
  }
  for (const name of allowed) {
    if (seen.has(name)) kept.push(`${name}=${url.searchParams.get(name)}`);
  }
  return kept.length ? `${url.pathname}?${kept.join('&')}` : url.pathname;
}
