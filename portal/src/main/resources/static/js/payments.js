import { appendRow, getJson, localTime, money, pagedList } from './api.js';

const main = document.querySelector('main[data-page="payments"]');
const tbody = document.querySelector('#payments tbody');

const list = pagedList({
  main,
  tbody,
  emptyText: main.dataset.textNone,
  load: (cursor) => getJson('/api/v1/payments', { cursor }),
  render: (payment) => {
    const row = appendRow(tbody, [localTime(payment.paidAt), money(payment.amount), payment.channel, payment.reference]);
    row.classList.add('payment');
  },
});

list.reload();
