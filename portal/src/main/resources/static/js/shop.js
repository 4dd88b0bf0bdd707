import { appendRow, getJson, money, sendJson, showError } from './api.js';
import { encryptTransaction } from './transaction.js';

const main = document.querySelector('main[data-page="shop"]');
const tbody = document.querySelector('#catalogue tbody');
const totalOutput = document.getElementById('total');
const placeOrder = document.getElementById('place-order');
const orderError = document.getElementById('order-error');
const documentSection = document.getElementById('document-section');
const documentStatus = document.getElementById('document-status');
const addressSection = document.getElementById('address-section');

const quantities = new Map();
let catalogue = [];
let documentId = null;
// One key per basket: a second click or a retry after a lost response repeats the same order, never a new one.
let idempotencyKey = null;

function chosenItems() {
  return catalogue.filter((item) => (quantities.get(item.id) || 0) > 0);
}

// The total shown here is only a preview; the portal prices the order from its own catalogue.
function refresh() {
  idempotencyKey = null;
  const chosen = chosenItems();
  const minor = chosen.reduce((sum, item) => sum + item.price.minorUnits * quantities.get(item.id), 0);
  const currency = chosen.length > 0 ? chosen[0].price.currency : (catalogue[0] ? catalogue[0].price.currency : '');
  const digits = chosen.length > 0 ? chosen[0].price.decimal.split('.')[1]?.length || 0 : 2;
  totalOutput.textContent = `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  documentSection.hidden = !chosen.some((item) => item.needsIdentityDocument);
  addressSection.hidden = !chosen.some((item) => item.needsDeliveryAddress);
}

function renderItem(item) {
  const row = appendRow(tbody, [item.name, money(item.price)]);
  row.dataset.item = item.id;
  const cell = document.createElement('td');
  if (item.inStock) {
    const input = document.createElement('input');
    input.type = 'number';
    input.min = '0';
    input.max = '10';
    input.value = '0';
    input.id = `quantity-${item.id}`;
    input.setAttribute('aria-label', item.name);
    input.addEventListener('input', () => {
      const value = Number.parseInt(input.value, 10);
      quantities.set(item.id, Number.isFinite(value) ? value : 0);
      refresh();
    });
    cell.appendChild(input);
  } else {
    cell.textContent = main.dataset.textOutOfStock;
  }
  row.appendChild(cell);
}

function showOrderError(text) {
  orderError.textContent = text;
  orderError.hidden = false;
}

function deliveryAddress() {
  const field = (name) => document.getElementById(`address-${name}`).value.trim();
  const address = {
    name: field('name'), line1: field('line1'), city: field('city'), postcode: field('postcode'),
    country: field('country').toUpperCase(),
  };
  if (field('line2')) {
    address.line2 = field('line2');
  }
  return address;
}

async function submitOrder() {
  orderError.hidden = true;
  const chosen = chosenItems();
  if (chosen.length === 0) {
    showOrderError(main.dataset.textEmpty);
    return;
  }
  const order = { items: chosen.map((item) => ({ itemId: item.id, quantity: quantities.get(item.id) })) };
  if (chosen.some((item) => item.needsIdentityDocument)) {
    if (!documentId) {
      showOrderError(main.dataset.textDocumentNeeded);
      return;
    }
    order.identityDocument = documentId;
  }
  if (chosen.some((item) => item.needsDeliveryAddress)) {
    const address = deliveryAddress();
    if (!address.name || !address.line1 || !address.city || !address.postcode || !address.country) {
      showOrderError(main.dataset.textAddressNeeded);
      return;
    }
    order.deliveryAddress = address;
  }

  placeOrder.disabled = true;
  placeOrder.textContent = main.dataset.textSending;
  idempotencyKey = idempotencyKey || crypto.randomUUID();
  try {
    const body = await encryptTransaction(order);
    const answer = await sendJson('/api/v1/orders', { body, contentType: 'application/jose', idempotencyKey });
    if (answer.ok) {
      window.location.assign(`/orders/${encodeURIComponent(answer.body.order.number)}`);
      return;
    }
    showOrderError((answer.body && answer.body.error) || main.dataset.textOrderFailed);
  } catch (error) {
    showOrderError(main.dataset.textOrderFailed);
  }
  placeOrder.disabled = false;
  placeOrder.textContent = placeOrder.dataset.label;
}

// The document goes to the upload form's address as a multipart post, and the response contains only its id.
async function uploadDocument(event) {
  event.preventDefault();
  const form = event.target;
  const file = document.getElementById('document').files[0];
  if (!file) {
    return;
  }
  documentStatus.textContent = '';
  const data = new FormData();
  data.append('document', file);
  const token = document.querySelector('meta[name="_csrf"]');
  const tokenHeader = document.querySelector('meta[name="_csrf_header"]');
  const headers = { Accept: 'application/json' };
  if (token && tokenHeader) {
    headers[tokenHeader.content] = token.content;
  }
  try {
    const response = await fetch(form.action, { method: 'POST', body: data, headers, credentials: 'same-origin' });
    const body = await response.json().catch(() => ({}));
    if (response.ok && body.documentId) {
      documentId = body.documentId;
      idempotencyKey = null;
      documentStatus.textContent = main.dataset.textDocumentReceived;
    } else {
      documentId = null;
      documentStatus.textContent = body.error || main.dataset.textDocumentFailed;
    }
  } catch (error) {
    documentStatus.textContent = main.dataset.textDocumentFailed;
  }
}

placeOrder.dataset.label = placeOrder.textContent;
placeOrder.addEventListener('click', submitOrder);
document.getElementById('document-form').addEventListener('submit', uploadDocument);

try {
  const answer = await getJson('/api/v1/catalogue');
  catalogue = answer.items;
  catalogue.forEach(renderItem);
  refresh();
} catch (error) {
  showError(main, error);
}
