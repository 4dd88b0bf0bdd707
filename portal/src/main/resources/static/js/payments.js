import { appendRow, getJson, localTime, money, pagedList } from './api.js';

const main = document.querySelector('main[data-page="payments"]');
const tbody = document.querySelector('#payments tbody');

// A payment whose seal failed arrives as its id only, so the row shows the unavailable text and none of its data.
function unavailableRow(payment) {
  const row = appendRow(tbody, [main.dataset.textUnavailable]);
  row.firstChild.colSpan = 4;
  row.classList.add('unavailable');
  row.dataset.id = payment.id;
}

const list = pagedList({
  main,
  tbody,
  emptyText: main.dataset.textNone,
  load: (cursor) => getJson('/api/v1/payments', { cursor }),
  render: (payment) => {
    if (payment.unavailable) {
      unavailableRow(payment);
      return;
    }
    const row = appendRow(tbody, [localTime(payment.paidAt), money(payment.amount), payment.channel, payment.reference]);
    row.classList.add('payment');
  },
});

list.reload();
