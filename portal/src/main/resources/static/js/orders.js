import { appendRow, getJson, localTime, money, pagedList } from './api.js';
import { statusText } from './order-status.js';

const main = document.querySelector('main[data-page="orders"]');
const tbody = document.querySelector('#orders tbody');

const list = pagedList({
  main,
  tbody,
  emptyText: main.dataset.textNone,
  load: (cursor) => getJson('/api/v1/orders', { cursor }),
  render: (order) => {
    const row = appendRow(tbody, ['', localTime(order.createdAt), statusText(main, order.status), money(order.total)]);
    const link = document.createElement('a');
    link.href = `/orders/${encodeURIComponent(order.number)}`;
    link.textContent = order.number;
    row.firstChild.appendChild(link);
    row.classList.add('order');
  },
});

list.reload();
