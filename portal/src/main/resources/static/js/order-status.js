/** Returns the page's text for an order status such as AWAITING_PAYMENT, from the data-status-* attributes. */
export function statusText(main, status) {
  const name = `status${status.toLowerCase().split('_').map((part) => part[0].toUpperCase() + part.slice(1)).join('')}`;
  return main.dataset[name] || status;
}
