import { getJson, money, showError } from './api.js';

const main = document.querySelector('main[data-page="overview"]');

try {
  const [profile, balance] = await Promise.all([getJson('/api/v1/me'), getJson('/api/v1/balance')]);
  document.getElementById('msisdn').textContent = `${profile.msisdn} (${profile.displayName})`;
  document.getElementById('balance').textContent = money(balance);
} catch (error) {
  showError(main, error);
}
