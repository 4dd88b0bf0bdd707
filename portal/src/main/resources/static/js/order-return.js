// Moves on from the provider's return address to the order page. This navigation starts on the portal's own
// site, so the browser sends the SameSite=Strict session cookie with it.
const link = document.getElementById('order-link');
window.location.replace(link.href);
