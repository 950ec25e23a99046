// Live preview on the messages page: as the seller types, the preview below follows (a short
// pause after the last key). Without JavaScript the Preview button posts the form instead.
const form = document.querySelector('form[data-preview-api]');
const out = document.querySelector('[data-preview]');
if (form && out) {
  const subject = out.querySelector('[data-preview-subject]');
  const text = out.querySelector('[data-preview-text]');
  const html = out.querySelector('[data-preview-html]');
  const status = out.querySelector('[data-preview-status]');
  let timer = 0;
  let asked = 0;
  const refresh = async () => {
    const data = new FormData(form);
    if (!data.get('order')) return;
    const q = new URLSearchParams({ touchpoint: data.get('touchpoint'), language: data.get('language'), order: data.get('order'), subject: data.get('subject'), body: data.get('body') });
    const mine = ++asked;
    const res = await fetch(`${form.dataset.previewApi}?${q}`, { headers: { accept: 'application/json' } }).catch(() => null);
    if (!res || mine !== asked) return;
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      status.textContent = (body.error && body.error.message) || '';
      return;
    }
    status.textContent = '';
    subject.textContent = body.subject;
    text.value = body.text;
    html.innerHTML = body.html; // our own escaped fragment: <p>, <br>, <a> only
  };
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
}
