// The "New code" button of the sign-in and step-up pages: it loads another CAPTCHA picture in place. The server
// issues a new code whenever the picture is requested again, so the field is cleared for the new answer.
// Without JavaScript the button stays hidden and reloading the page gives a new code.

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
