// The sign-in page's "New code" button: it loads another verification code picture in place. The server
// issues a new code whenever the picture is requested again, so the field is cleared for the new answer.
// Without JavaScript the button stays hidden and reloading the page gives a new code.

import { clearKey } from './integrity.js';

const image = document.getElementById('captcha-image');
const refresh = document.getElementById('captcha-refresh');
const answer = document.getElementById('captcha');
const status = document.getElementById('captcha-status');

refresh.hidden = false;
refresh.addEventListener('click', () => {
  const url = new URL(image.src, window.location.origin);
  // A new address makes the browser request the picture even where it would reuse the old one.
  url.searchParams.set('refresh', Date.now().toString());
  image.src = url.toString();
  answer.value = '';
  answer.focus();
  status.textContent = status.dataset.textRefreshed;
});

// Every sign-in starts a session without a session key, so a key left from an earlier session is deleted here.
// A browser without IndexedDB has nothing to delete.
clearKey().catch(() => {});
