// Progressive enhancement of the text-updates form: post it without leaving the page.
// Without JavaScript the form posts normally and the page comes back with the outcome.
for (const form of document.querySelectorAll('form[data-sms-form]')) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const status = form.closest('section').querySelector('[data-sms-status]');
    const data = new FormData(form);
    const res = await fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ phone: data.get('phone'), consent: data.get('consent') === 'on' || undefined, lang: data.get('lang') }),
    }).catch(() => null);
    if (!res) return form.submit();
    const body = await res.json().catch(() => ({}));
    const outcome = res.ok ? (body.status === 'subscribed' ? 'subscribed' : 'pending') : (body.error && body.error.code) || 'invalid';
    // Reload into the same state the no-JS path shows, with the outcome announced.
    location.replace(`${location.pathname}?sms=${encodeURIComponent(outcome)}&lang=${data.get('lang')}#sms`);
  });
}
