// Progressive enhancement of the text-updates form: post it and show the outcome in place.
// Without JavaScript the form posts normally and the page comes back with the outcome.
for (const form of document.querySelectorAll('form[data-sms-form]')) {
  const section = form.closest('section');
  const status = section.querySelector('[data-sms-status]');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const res = await fetch(form.dataset.api, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ phone: data.get('phone'), consent: data.get('consent') === 'on' || undefined, lang: data.get('lang') }),
    }).catch(() => null);
    if (!res) return form.submit();
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const code = (body.error && body.error.code) || 'invalid';
      status.textContent = form.dataset['msg' + code.replace(/_(.)/g, (_, c) => c.toUpperCase()).replace(/^./, (c) => c.toUpperCase())] || form.dataset.msgInvalid;
      status.className = 'banner';
      return code.startsWith('phone') && form.querySelector('input[name=phone]').focus();
    }
    // Success is said once, by the new state line, which takes the focus the vanished form had.
    status.textContent = '';
    const which = body.status === 'subscribed' ? 'active' : 'pending';
    const state = section.querySelector(`template[data-sms-state-template="${which}"]`).content.cloneNode(true);
    const line = state.querySelector('[data-sms-state]');
    line.textContent = line.textContent.replace('{last4}', body.phoneLast4);
    form.replaceWith(state);
    line.focus();
  });
}
