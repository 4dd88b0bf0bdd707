// The value-added services page: the catalogue with a subscribe button per service, and the subscriber's
// subscriptions with their paid period in the subscriber's time zone and a cancel button. Subscribing and
// cancelling go through withConfirmation, which asks for the second authentication the server requires.

import { appendRow, getJson, money, sendJson, showError } from './api.js';
import { withConfirmation } from './confirm.js';

const main = document.querySelector('main[data-page="subscriptions"]');
const servicesBody = document.querySelector('#services tbody');
const subscriptionsBody = document.querySelector('#subscriptions tbody');
const confirmArea = document.getElementById('confirm-area');
const actionStatus = document.getElementById('action-status');
const actionError = document.getElementById('action-error');
const text = main.dataset;

let busy = false;

/** Formats an ISO instant as yyyy-MM-dd HH:mm and the zone's abbreviation, in the subscriber's time zone. */
function zonedTime(iso, timeZone) {
  const parts = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23', timeZoneName: 'short',
  });
  for (const part of format.formatToParts(new Date(iso))) {
    parts[part.type] = part.value;
  }
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

function periodText(period) {
  return text[`period${period.charAt(0).toUpperCase()}${period.slice(1)}`];
}

function rulesText(service) {
  const renewal = service.autoRenew ? text.textRenews : text.textDoesNotRenew;
  const cancellation = service.cancellation === 'immediate-pro-rata'
    ? text.textImmediateProRata : text.textEndOfPeriod;
  return `${renewal}; ${cancellation}`;
}

function button(label, id, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.id = id;
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

function cell(row, child) {
  const element = document.createElement('td');
  if (child) {
    element.appendChild(child);
  }
  row.appendChild(element);
}

function showOutcome(message, failed) {
  actionStatus.hidden = failed;
  actionError.hidden = !failed;
  (failed ? actionError : actionStatus).textContent = message;
}

/** Runs a subscribe or cancel request through the confirmation form and shows its outcome. */
async function change(path, fields, describe) {
  if (busy) {
    return;
  }
  busy = true;
  actionStatus.hidden = true;
  actionError.hidden = true;
  try {
    const answer = await withConfirmation(confirmArea, (confirmation) => sendJson(path, {
      body: JSON.stringify({ ...fields, confirmation }),
    }));
    if (answer.status === 200 || answer.status === 201) {
      showOutcome(describe(answer.body), false);
      await load();
    } else if (!(answer.status === 403 && answer.body && answer.body.code === 'step_up_required')) {
      showOutcome((answer.body && answer.body.error) || text.textActionFailed, true);
    }
  } catch (error) {
    showOutcome(text.textActionFailed, true);
  } finally {
    busy = false;
  }
}

function subscribe(service) {
  return change('/api/v1/subscriptions', { service: service.code },
    () => text.textSubscribed.replace('{0}', service.name));
}

function cancel(subscription) {
  const { code, name } = subscription.service;
  return change(`/api/v1/subscriptions/${encodeURIComponent(code)}/cancel`, {}, (body) => {
    const cancelled = text.textCancelled.replace('{0}', name);
    return body.refund ? `${cancelled} ${text.textRefund.replace('{0}', money(body.refund))}` : cancelled;
  });
}

function renderServices(services) {
  servicesBody.replaceChildren();
  if (services.length === 0) {
    appendRow(servicesBody, [text.textNoServices]);
    return;
  }
  for (const service of services) {
    const row = appendRow(servicesBody, [`${service.name}: ${service.content}`,
      `${money(service.fee)} ${periodText(service.period)}`, rulesText(service)]);
    row.dataset.service = service.code;
    cell(row, button(text.textSubscribe, `subscribe-${service.code}`, () => subscribe(service)));
  }
}

function renderSubscriptions(listing) {
  subscriptionsBody.replaceChildren();
  if (listing.subscriptions.length === 0) {
    appendRow(subscriptionsBody, [text.textNone]);
    return;
  }
  for (const subscription of listing.subscriptions) {
    const row = appendRow(subscriptionsBody, [subscription.service.name, money(subscription.fee),
      text[`status${subscription.status.charAt(0).toUpperCase()}${subscription.status.slice(1)}`],
      zonedTime(subscription.effectiveAt, listing.timeZone), zonedTime(subscription.expiresAt, listing.timeZone)]);
    row.dataset.service = subscription.service.code;
    row.classList.add('subscription');
    cell(row, subscription.status === 'active'
      ? button(text.textCancel, `cancel-${subscription.service.code}`, () => cancel(subscription)) : null);
  }
}

async function load() {
  try {
    const [services, listing] = await Promise.all([getJson('/api/v1/services'), getJson('/api/v1/subscriptions')]);
    renderServices(services.services);
    renderSubscriptions(listing);
  } catch (error) {
    showError(main, error);
  }
}

load();
