import { getJson, money, showError } from './api.js';

const main = document.querySelector('main[data-page="overview"]');

try {
  const [profile, balance] = await Promise.all([getJson('/api/v1/me'), getJson('/api/v1/balance')]);
  document.getElementById('msisdn').textContent = `${profile.msisdn} (${profile.displayName})`;
  // A balance that the sealed ledger does not vouch for arrives without an amount.
  document.getElementById('balance').textContent = balance.unavailable ? main.dataset.textUnavailable : money(balance);
} catch (error) {
  showError(main, error);
}
