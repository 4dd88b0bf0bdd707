import { appendRow, getJson, localTime, money, sendJson, showError } from './api.js';
import { withConfirmation } from './confirm.js';
import { statusText } from './order-status.js';

const main = document.querySelector('main[data-page="order"]');
const number = main.dataset.number;
const path = `/api/v1/orders/${encodeURIComponent(number)}`;
const tbody = document.querySelector('#order-items tbody');
const actions = document.getElementById('pay-actions');
const notice = document.getElementById('order-notice');
const payError = document.getElementById('pay-error');
const payProvider = document.getElementById('pay-provider');
const confirmation = document.getElementById('pay-confirmation');

const UNPAID = ['CREATED', 'AWAITING_PAYMENT'];
const POLL_MILLIS = 2000;
const POLL_LIMIT = 90;

// One key per payment attempt: a double click repeats the same payment instead of paying twice.
let paymentKey = null;

function render(order) {
  document.getElementById('order-status').textContent = statusText(main, order.status);
  document.getElementById('order-total').textContent = money(order.total);
  document.getElementById('order-expires').textContent = UNPAID.includes(order.status) ? localTime(order.expiresAt) : '';
  tbody.replaceChildren();
  order.items.forEach((line) => appendRow(tbody, [line.name, String(line.quantity), money(line.unitPrice),
    money(line.lineTotal)]));
  actions.hidden = order.status !== 'CREATED';
  notice.hidden = order.status !== 'AWAITING_PAYMENT';
  notice.textContent = main.dataset.textWaiting;
}

function showPayError(answer) {
  payError.textContent = (answer && answer.body && answer.body.error) || main.dataset.textPayFailed;
  payError.hidden = false;
}

async function pay(method) {
  payError.hidden = true;
  paymentKey = paymentKey || crypto.randomUUID();
  actions.querySelectorAll('button').forEach((button) => { button.disabled = true; });
  try {
    // While the subscriber is at risk the server requires an SMS code bound to this order and its total.
    const answer = await withConfirmation(confirmation, (proof) => sendJson(`${path}/payment`, {
      body: JSON.stringify(proof ? { method, confirmation: proof } : { method }),
      idempotencyKey: paymentKey,
    }));
    if (answer.ok && answer.body.redirectUrl) {
      window.location.assign(answer.body.redirectUrl);
      return;
    }
    if (answer.ok) {
      render(answer.body.order);
    } else {
      paymentKey = null;
      showPayError(answer);
    }
  } catch (error) {
    showPayError(null);
  }
  actions.querySelectorAll('button').forEach((button) => { button.disabled = false; });
}

async function cancel() {
  payError.hidden = true;
  const answer = await sendJson(`${path}/cancel`, { body: '{}' });
  if (answer.ok) {
    render(answer.body.order);
  } else {
    showPayError(answer);
  }
}

// After the provider's page the order waits for the provider's confirmation, which the portal checks itself.
async function waitForConfirmation(order) {
  let current = order;
  for (let round = 0; round < POLL_LIMIT && current.status === 'AWAITING_PAYMENT'; round += 1) {
    await new Promise((resolve) => { setTimeout(resolve, POLL_MILLIS); });
    current = (await getJson(path)).order;
    render(current);
  }
}

document.getElementById('pay-credit').addEventListener('click', () => pay('STORE_CREDIT'));
payProvider.addEventListener('click', () => pay('PROVIDER'));
document.getElementById('cancel-order').addEventListener('click', cancel);

try {
  const [answer, catalogue] = await Promise.all([getJson(path), getJson('/api/v1/catalogue')]);
  payProvider.hidden = !catalogue.paymentMethods.includes('PROVIDER');
  render(answer.order);
  await waitForConfirmation(answer.order);
} catch (error) {
  showError(main, error);
}
