// Signs the portal's API requests with the session key and verifies the signature of every response before a
// caller sees it. The key is fetched once per session, imported as a non-extractable WebCrypto key and kept only
// in IndexedDB, so page scripts can use it but cannot read it.
//
// Request header:  X-Selfcare-Signature: v1;ts=<unix seconds>;nonce=<base64url>;mac=<base64url HMAC-SHA256>
//   over the lines v1, method, raw path, raw query, hex SHA-256 of the body, ts and nonce, joined by "\n".
// Response header: X-Selfcare-Response-Signature: v1;nonce=<request nonce>;mac=<base64url HMAC-SHA256>
//   over the lines v1, status, request nonce and hex SHA-256 of the body.

const DATABASE = 'selfcare-integrity';
const STORE = 'session-key';
const ENTRY = 'current';
const SESSION_KEY_PATH = '/api/v1/session-key';
const REQUEST_HEADER = 'X-Selfcare-Signature';
const RESPONSE_HEADER = 'X-Selfcare-Response-Signature';
const REJECTED_CODE = 'request_signature_invalid';

const encoder = new TextEncoder();

/** A response whose signature is missing or wrong, or a session key that could not be obtained. */
export class IntegrityError extends Error {
  constructor(message) {
    super(message);
    this.name = 'IntegrityError';
  }
}

/** The session ended before the key could be fetched, so the browser must sign in again. */
export class SignedOutError extends Error {
  constructor() {
    super('signed out');
    this.name = 'SignedOutError';
  }
}

/** A response that passed verification; its body is already read. */
export class VerifiedResponse {
  constructor(status, bytes) {
    this.status = status;
    this.ok = status >= 200 && status < 300;
    this.bytes = bytes;
  }

  json() {
    return JSON.parse(new TextDecoder().decode(this.bytes));
  }
}

// One fetch of the key per page, shared by requests that start at the same time.
let keyPromise = null;

/**
 * Sends a signed request to the portal's API and returns the response once its signature is verified. A 401
 * from sign-in is returned as it is, because it carries no signature and only sends the browser to sign-in.
 * When the portal rejects the signature, the stored key belongs to an older session: it is replaced once and
 * the request is sent again.
 */
export async function signedFetch(url, init = {}) {
  const first = await sendSigned(url, init);
  if (first.status === 401 && (await rejectedSignature(first.response))) {
    await clearKey();
    const retry = await sendSigned(url, init);
    if (retry.status === 401 && (await rejectedSignature(retry.response))) {
      throw new IntegrityError('the portal rejected the signature made with a new session key');
    }
    return verify(retry);
  }
  return verify(first);
}

async function sendSigned(url, init) {
  const target = new URL(url, window.location.origin);
  const method = (init.method || 'GET').toUpperCase();
  const body = init.body === undefined ? new Uint8Array() : toBytes(init.body);
  const key = await sessionKey();
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const nonce = randomNonce();
  const lines = ['v1', method, target.pathname, target.search.substring(1), await sha256Hex(body), timestamp,
    nonce].join('\n');
  const mac = await crypto.subtle.sign('HMAC', key.cryptoKey, encoder.encode(lines));

  const headers = new Headers(init.headers || {});
  headers.set(REQUEST_HEADER, `v1;ts=${timestamp};nonce=${nonce};mac=${base64url(mac)}`);
  const response = await fetch(target, {
    ...init,
    method,
    headers,
    body: init.body === undefined ? undefined : body,
    credentials: 'same-origin',
  });
  return { status: response.status, response, key, nonce };
}

async function verify({ response, key, nonce }) {
  const bytes = new Uint8Array(await response.clone().arrayBuffer());
  if (response.status === 401 && !response.headers.has(RESPONSE_HEADER)) {
    return new VerifiedResponse(401, bytes);
  }
  const valid = await verifyResponse(key.cryptoKey, nonce, response.status, bytes,
    response.headers.get(RESPONSE_HEADER));
  if (!valid) {
    throw new IntegrityError(`the response to ${response.url} failed verification`);
  }
  return new VerifiedResponse(response.status, bytes);
}

/**
 * Returns whether a response signature header is valid for the request's nonce, the status and the body bytes.
 * A missing header is invalid.
 */
export async function verifyResponse(cryptoKey, nonce, status, bytes, header) {
  const match = /^v1;nonce=([A-Za-z0-9_-]{16,64});mac=([A-Za-z0-9_-]{43})$/.exec(header || '');
  if (!match || match[1] !== nonce) {
    return false;
  }
  const lines = ['v1', String(status), nonce, await sha256Hex(bytes)].join('\n');
  // crypto.subtle.verify compares the MACs itself, so no timing of the comparison leaks to page scripts.
  return crypto.subtle.verify('HMAC', cryptoKey, fromBase64url(match[2]), encoder.encode(lines));
}

async function rejectedSignature(response) {
  try {
    const body = await response.clone().json();
    return body.code === REJECTED_CODE;
  } catch (error) {
    return false;
  }
}

/** Returns the stored session key, fetching and storing it first when there is none. */
export function sessionKey() {
  if (keyPromise === null) {
    keyPromise = loadOrFetchKey().catch((error) => {
      keyPromise = null;
      throw error;
    });
  }
  return keyPromise;
}

async function loadOrFetchKey() {
  const stored = await readStored();
  return stored || fetchKey();
}

// NOTE: the portal issues the key once per session. When the browser leaves the page after the portal issued it
// but before it was stored, the next page gets 409 and shows the integrity message until the next sign-in.
async function fetchKey() {
  const headers = { Accept: 'application/json' };
  const token = document.querySelector('meta[name="_csrf"]');
  const tokenHeader = document.querySelector('meta[name="_csrf_header"]');
  if (token && tokenHeader) {
    headers[tokenHeader.content] = token.content;
  }
  const response = await fetch(SESSION_KEY_PATH, { method: 'POST', credentials: 'same-origin', headers });
  if (response.status === 401) {
    throw new SignedOutError();
  }
  if (!response.ok) {
    throw new IntegrityError(`the session key could not be fetched (status ${response.status})`);
  }
  const body = await response.json();
  const raw = fromBase64url(body.key);
  const cryptoKey = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false,
    ['sign', 'verify']);
  raw.fill(0);
  const entry = { keyId: body.keyId, cryptoKey };
  await writeStored(entry);
  return entry;
}

/** Forgets the key this page loaded, so the next request reads IndexedDB again. */
export function clearKeyCache() {
  keyPromise = null;
}

/** Deletes the stored session key, at sign-out and when the portal no longer accepts it. */
export async function clearKey() {
  keyPromise = null;
  const database = await openDatabase();
  try {
    await request(database.transaction(STORE, 'readwrite').objectStore(STORE).delete(ENTRY));
  } finally {
    database.close();
  }
}

/** Returns the stored entry ({ keyId, cryptoKey }), or undefined when there is none. */
export async function readStored() {
  const database = await openDatabase();
  try {
    return await request(database.transaction(STORE, 'readonly').objectStore(STORE).get(ENTRY));
  } finally {
    database.close();
  }
}

async function writeStored(entry) {
  const database = await openDatabase();
  try {
    await request(database.transaction(STORE, 'readwrite').objectStore(STORE).put(entry, ENTRY));
  } finally {
    database.close();
  }
}

function openDatabase() {
  const opening = indexedDB.open(DATABASE, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
  return request(opening);
}

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

function toBytes(body) {
  if (typeof body === 'string') {
    return encoder.encode(body);
  }
  if (body instanceof Uint8Array) {
    return body;
  }
  throw new IntegrityError('a signed request body must be a string or a Uint8Array');
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function randomNonce() {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

export function base64url(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  bytes.forEach((byte) => {
    binary += String.fromCharCode(byte);
  });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/**
 * Deletes the stored key before the sign-out form is sent, so the next session on this browser starts without
 * it. The sign-in page deletes it as well, in case the browser left the page before the deletion finished.
 */
export function clearKeyOnSignOut() {
  const form = document.querySelector('form[action$="/signout"]');
  if (!form) {
    return;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await clearKey();
    } finally {
      form.submit();
    }
  }, { once: true });
}
