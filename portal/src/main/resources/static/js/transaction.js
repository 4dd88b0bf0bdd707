// Encrypts a transaction, such as an order, before it leaves the page. The body becomes a compact JWE that only
// the portal can open: a fresh AES-256-GCM key encrypts the JSON, and RSA-OAEP with SHA-256 wraps that key for the
// portal's published encryption key. The subscriber, the items and the amounts therefore never travel in clear,
// not even inside TLS, and any change on the way makes the whole body unreadable to the portal.

import { base64url } from './integrity.js';

const JWKS_PATH = '/.well-known/jwks.json';

const encoder = new TextEncoder();

let pendingKey = null;

/** Returns the value as a compact JWE (RSA-OAEP-256, A256GCM) to the portal's current encryption key. */
export async function encryptTransaction(value) {
  const { key, kid } = await encryptionKey();
  const header = base64url(encoder.encode(JSON.stringify({
    alg: 'RSA-OAEP-256', enc: 'A256GCM', kid, cty: 'application/json',
  })));

  const contentKeyBytes = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const contentKey = await crypto.subtle.importKey('raw', contentKeyBytes, 'AES-GCM', false, ['encrypt']);
  // The protected header is the additional authenticated data, so a changed header fails like a changed body.
  const sealed = new Uint8Array(await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(header), tagLength: 128 },
    contentKey, encoder.encode(JSON.stringify(value))));
  const wrappedKey = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, contentKeyBytes);
  contentKeyBytes.fill(0);

  const tagStart = sealed.length - 16;
  return [header, base64url(wrappedKey), base64url(iv), base64url(sealed.slice(0, tagStart)),
    base64url(sealed.slice(tagStart))].join('.');
}

/** Fetches the portal's key once per page; a failed fetch is tried again on the next transaction. */
function encryptionKey() {
  if (!pendingKey) {
    pendingKey = fetchKey().catch((error) => {
      pendingKey = null;
      throw error;
    });
  }
  return pendingKey;
}

async function fetchKey() {
  const response = await fetch(JWKS_PATH, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(`the portal's encryption key could not be fetched (status ${response.status})`);
  }
  const { keys } = await response.json();
  const jwk = (keys || []).find((candidate) => candidate.kty === 'RSA' && candidate.use === 'enc'
    && candidate.alg === 'RSA-OAEP-256');
  if (!jwk) {
    throw new Error('the portal publishes no RSA-OAEP-256 encryption key');
  }
  const key = await crypto.subtle.importKey('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RSA-OAEP-256', ext: true },
    { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
  return { key, kid: jwk.kid };
}
