// Shared helpers for the portal's pages: fetching the JSON API and writing text into the page. Values are only
// ever written with textContent, never as HTML, so data from the server cannot inject markup. Every API call goes
// through integrity.js, which signs the request and verifies the response.

import { IntegrityError, SignedOutError, clearKeyOnSignOut, signedFetch } from './integrity.js';

clearKeyOnSignOut();

/**
 * Fetches a JSON resource of the portal's API. A 401 means the session ended, so the page goes to sign-in,
 * which shows why when a newer sign-in of the same account ended the session. A response that fails
 * verification throws an IntegrityError, and its data is never returned.
 */
export async function getJson(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(name, value);
    }
  }
  let response;
  try {
    response = await signedFetch(url, { headers: { Accept: 'application/json' } });
  } catch (error) {
    if (error instanceof SignedOutError) {
      window.location.assign('/signin');
    }
    throw error;
  }
  if (response.status === 401) {
    window.location.assign(await signedInElsewhere(response) ? '/signin?elsewhere' : '/signin');
    throw new Error('signed out');
  }
  if (response.status === 403) {
    // The page's second authentication expired, so the browser goes to the step-up page, which returns here.
    const purpose = await stepUpPurpose(response);
    if (purpose) {
      window.location.assign(`/stepup?purpose=${encodeURIComponent(purpose)}`);
      throw new Error('second authentication required');
    }
  }
  if (!response.ok) {
    throw new Error(`request failed with status ${response.status}`);
  }
  return response.json();
}

/**
 * Sends a signed request with a body to the portal's API and returns its status and JSON body, so the page can
 * show the portal's plain-words reason for a refusal. The CSRF token of the page goes with it. A 401 sends the
 * browser to sign-in, as for getJson.
 */
export async function sendJson(path, { method = 'POST', body, contentType = 'application/json', idempotencyKey } = {}) {
  const headers = { Accept: 'application/json', 'Content-Type': contentType };
  const token = document.querySelector('meta[name="_csrf"]');
  const tokenHeader = document.querySelector('meta[name="_csrf_header"]');
  if (token && tokenHeader) {
    headers[tokenHeader.content] = token.content;
  }
  if (idempotencyKey) {
    headers['Idempotency-Key'] = idempotencyKey;
  }
  let response;
  try {
    response = await signedFetch(path, { method, headers, body });
  } catch (error) {
    if (error instanceof SignedOutError) {
      window.location.assign('/signin');
    }
    throw error;
  }
  if (response.status === 401) {
    window.location.assign(await signedInElsewhere(response) ? '/signin?elsewhere' : '/signin');
    throw new Error('signed out');
  }
  let json = null;
  try {
    json = response.json();
  } catch (error) {
    json = null;
  }
  return { status: response.status, ok: response.ok, body: json };
}

/** Returns whether a 401 response gives "the account signed in elsewhere" as its reason. */
async function signedInElsewhere(response) {
  try {
    const body = response.json();
    return body.reason === 'SIGNED_IN_ELSEWHERE';
  } catch (error) {
    return false;
  }
}

/** Returns the purpose of a 403 response that requires a second authentication, or null. */
async function stepUpPurpose(response) {
  try {
    const body = response.json();
    return body.code === 'step_up_required' ? body.purpose : null;
  } catch (error) {
    return null;
  }
}

/** Appends a table row whose cells hold the given texts. */
export function appendRow(tbody, texts) {
  const row = document.createElement('tr');
  for (const text of texts) {
    const cell = document.createElement('td');
    cell.textContent = text;
    row.appendChild(cell);
  }
  tbody.appendChild(row);
  return row;
}

/** Formats an ISO date-time with offset as the subscriber's local date and time, as the server sent it. */
export function localTime(isoWithOffset) {
  return isoWithOffset.substring(0, 19).replace('T', ' ');
}

export function money(amount) {
  return `${amount.decimal} ${amount.currency}`;
}

/** Shows why the page's data could not be loaded: a failed verification gets its own message. */
export function showError(main, cause) {
  const error = document.getElementById('load-error');
  error.textContent = cause instanceof IntegrityError ? main.dataset.textIntegrity : main.dataset.textFailed;
  error.hidden = false;
}

/**
 * Drives a newest-first list: loads the first page, then the next older page on each click of the "more"
 * button, using the cursor the API returned.
 */
export function pagedList({ main, tbody, load, render, emptyText }) {
  const more = document.getElementById('more');
  let cursor = null;

  async function loadPage(reset) {
    try {
      const page = await load(reset ? null : cursor);
      if (reset) {
        tbody.replaceChildren();
      }
      page.items.forEach((item) => render(item));
      if (reset && page.items.length === 0) {
        appendRow(tbody, [emptyText]);
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
    } catch (error) {
      showError(main, error);
    }
  }

  more.addEventListener('click', () => loadPage(false));
  return { reload: () => loadPage(true) };
}
