// Confirms a payment or a subscription change for which the server requires a second authentication. The server
// names the operation and the methods it accepts; the form offers exactly those, asks for a code by SMS when the
// subscriber wants one, and sends the operation again with the confirmation. Texts come from the page's
// #confirm-texts element, which the layout fills from the message bundle.

import { sendJson } from './api.js';

const CAPTCHA_PATH = '/stepup/captcha';

function texts() {
  const element = document.getElementById('confirm-texts');
  return element ? element.dataset : {};
}

function element(tag, properties = {}) {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  return node;
}

function labelled(labelText, input) {
  const label = element('label', { textContent: labelText });
  label.appendChild(input);
  return label;
}

/**
 * Performs an operation through send(confirmation) and, when the server returns 403 step_up_required, shows a
 * confirmation form inside container, then performs it again with the subscriber's proof. Resolves to the final
 * {status, body} response. A cancelled form resolves to the 403 response.
 */
export async function withConfirmation(container, send) {
  const first = await send(null);
  if (first.status !== 403 || !first.body || first.body.code !== 'step_up_required') {
    return first;
  }
  return new Promise((resolve) => showForm(container, first, send, resolve));
}

function showForm(container, required, send, resolve) {
  const text = texts();
  const operation = required.body.operation;
  const methods = required.body.methods;

  const form = element('form', { className: 'confirm' });
  form.appendChild(element('h2', { textContent: text.heading }));
  form.appendChild(element('p', { textContent: required.body.error }));
  form.appendChild(element('p', { className: 'operation', textContent: operation.description }));

  let method = methods[0];
  if (methods.length > 1) {
    const choice = element('fieldset');
    methods.forEach((name, index) => {
      const radio = element('input', { type: 'radio', name: 'confirm-method', value: name, checked: index === 0 });
      radio.addEventListener('change', () => { method = name; update(); });
      choice.appendChild(labelled(text[`method${name === 'sms-code' ? 'SmsCode' : 'ServicePassword'}`], radio));
    });
    form.appendChild(choice);
  }

  const codeSection = element('div');
  const sendButton = element('button', { type: 'button', textContent: text.send });
  const sentNotice = element('p', { className: 'notice', role: 'status', textContent: text.sent, hidden: true });
  const captchaSection = element('div', { hidden: true });
  const captchaImage = element('img', { alt: text.captchaPicture });
  const captchaAnswer = element('input', { type: 'text', autocomplete: 'off', spellcheck: false });
  captchaSection.append(captchaImage, labelled(text.captcha, captchaAnswer));
  codeSection.append(captchaSection, sendButton, sentNotice);
  form.appendChild(codeSection);

  const secret = element('input', { type: 'password', autocomplete: 'one-time-code', required: true });
  const secretLabel = labelled(text.code, secret);
  form.appendChild(secretLabel);

  const error = element('p', { className: 'alert', role: 'alert', hidden: true });
  form.appendChild(error);
  const submit = element('button', { type: 'submit', textContent: text.submit });
  const cancel = element('button', { type: 'button', textContent: text.cancel });
  form.append(submit, cancel);

  function update() {
    const byCode = method === 'sms-code';
    codeSection.hidden = !byCode;
    secretLabel.firstChild.textContent = byCode ? text.code : text.servicePassword;
    secret.autocomplete = byCode ? 'one-time-code' : 'current-password';
  }

  function showError(message) {
    error.textContent = message || text.failed;
    error.hidden = false;
  }

  function close(answer) {
    form.remove();
    resolve(answer);
  }

  sendButton.addEventListener('click', async () => {
    error.hidden = true;
    const request = { purpose: required.body.purpose, operation: operation.id };
    if (!captchaSection.hidden) {
      request.captcha = captchaAnswer.value;
    }
    try {
      const answer = await sendJson('/api/v1/stepup/code', { body: JSON.stringify(request) });
      if (answer.status === 202) {
        captchaSection.hidden = true;
        sentNotice.hidden = false;
        secret.focus();
        return;
      }
      if (answer.body && (answer.body.code === 'captcha_required' || answer.body.code === 'captcha_invalid')) {
        // A new address makes the browser fetch the new picture the server issued with this response.
        captchaImage.src = `${CAPTCHA_PATH}?picture=${Date.now()}`;
        captchaAnswer.value = '';
        captchaSection.hidden = false;
      }
      showError(answer.body && answer.body.error);
    } catch (failure) {
      showError(null);
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    try {
      const answer = await send({ method, secret: secret.value });
      if (answer.status === 400 && answer.body && answer.body.code === 'proof_invalid') {
        secret.value = '';
        showError(answer.body.error);
        return;
      }
      close(answer);
    } catch (failure) {
      showError(null);
    } finally {
      submit.disabled = false;
    }
  });

  cancel.addEventListener('click', () => close(required));

  update();
  container.appendChild(form);
  (method === 'sms-code' ? sendButton : secret).focus();
}
