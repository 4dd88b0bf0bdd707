import { appendRow, getJson, localTime, money, pagedList } from './api.js';

const main = document.querySelector('main[data-page="calls"]');
const tbody = document.querySelector('#calls tbody');
const monthInput = document.getElementById('month');
let month = '';

function duration(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return `${minutes}:${rest}`;
}

// A record whose seal failed arrives as its id only, so the row shows the unavailable text and none of its data.
function unavailableRow(call) {
  const row = appendRow(tbody, [main.dataset.textUnavailable]);
  row.firstChild.colSpan = 5;
  row.classList.add('unavailable');
  row.dataset.id = call.id;
}

const list = pagedList({
  main,
  tbody,
  emptyText: main.dataset.textNone,
  load: (cursor) => getJson('/api/v1/calls', { month, cursor }),
  render: (call) => {
    if (call.unavailable) {
      unavailableRow(call);
      return;
    }
    const direction = call.direction === 'OUTGOING' ? main.dataset.textOutgoing : main.dataset.textIncoming;
    const length = call.answered ? duration(call.billableSeconds) : main.dataset.textUnanswered;
    const row = appendRow(tbody, [localTime(call.startedAt), direction, call.otherParty, length, money(call.charge)]);
    row.classList.add('call');
  },
});

document.getElementById('month-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  month = monthInput.value;
  list.reload();
});

document.getElementById('all-months').addEventListener('click', () => {
  monthInput.value = '';
  month = '';
  list.reload();
});

list.reload();
