// Live CSV import: one bar for the upload, then for the import as the server reads the file, and
// the result the way the result page shows it. Without JavaScript the form posts and the page
// answers with the result; any answer this script does not expect falls back to that post.
const form = document.querySelector('form[data-import]');
const box = document.querySelector('[data-import-progress]');
const errorsTemplate = document.querySelector('template[data-import-errors]');
if (form && box && errorsTemplate) {
  const bar = box.querySelector('progress');
  const phase = box.querySelector('[data-import-phase]');
  const button = form.querySelector('button[type=submit]');
  const input = form.querySelector('input[type=file]');
  const number = new Intl.NumberFormat(box.dataset.lang);
  const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  const card = form.closest('section');
  const shown = [];

  // The bar moves with every update; the words (read out by screen readers) every tenth of the way.
  let spoken = -1;
  const show = (percent, text) => {
    bar.value = percent;
    const step = Math.floor(percent / 10);
    if (step !== spoken) {
      spoken = step;
      phase.textContent = text;
    }
  };
  const say = (tag, className, role, text) => {
    const el = document.createElement(tag);
    el.className = className;
    el.setAttribute('role', role);
    el.tabIndex = -1;
    el.textContent = text;
    form.before(el);
    shown.push(el);
    el.focus();
  };
  const finish = ({ notice, errors }) => {
    box.hidden = true;
    say('p', 'notice', 'status', notice);
    if (!errors.length) return;
    const section = errorsTemplate.content.firstElementChild.cloneNode(true);
    const body = section.querySelector('tbody');
    for (const e of errors) {
      const row = body.insertRow();
      const line = document.createElement('th');
      line.scope = 'row';
      line.textContent = String(e.line);
      row.append(line);
      row.insertCell().textContent = e.orderNumber ?? '–';
      row.insertCell().textContent = e.message;
    }
    card.after(section);
    shown.push(section);
  };
  const fail = (message) => {
    box.hidden = true;
    say('p', 'banner', 'alert', message);
  };

  form.addEventListener('submit', (event) => {
    if (!input.files || input.files.length === 0) return; // the page says what is missing
    event.preventDefault();
    // the last result, whether this script or the result page showed it
    for (const el of [...shown, ...card.querySelectorAll('.notice, #form-error'), ...document.querySelectorAll('section:has(#errors)')]) el.remove();
    shown.length = 0;
    if (input.files[0].size > Number(input.dataset.maxBytes)) return fail(box.dataset.tooLarge);
    button.disabled = true;
    box.hidden = false;
    spoken = -1;
    show(0, fill(box.dataset.uploading, { percent: 0 }));

    const xhr = new XMLHttpRequest();
    let read = 0;
    let total = 0;
    let ended = false;
    let fallback = false;
    const handle = (message) => {
      if ('total' in message) total = message.total;
      else if ('rows' in message) {
        const percent = total ? Math.min(100, Math.round((100 * message.bytes) / total)) : 0;
        show(percent, fill(box.dataset.reading, { rows: number.format(message.rows), percent }));
      } else if (message.done) {
        ended = true;
        finish(message);
      } else if (message.error) {
        ended = true;
        fail(message.error);
      }
    };
    const readLines = () => {
      const text = xhr.responseText;
      for (let end = text.indexOf('\n', read); end !== -1; end = text.indexOf('\n', read)) {
        handle(JSON.parse(text.slice(read, end)));
        read = end + 1;
      }
    };
    xhr.open('POST', form.action || location.href);
    xhr.setRequestHeader('Accept', 'application/x-ndjson');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) {
        const percent = Math.round((100 * e.loaded) / e.total);
        show(percent, fill(box.dataset.uploading, { percent }));
      }
    });
    xhr.addEventListener('readystatechange', () => {
      if (xhr.readyState === XMLHttpRequest.HEADERS_RECEIVED && !(xhr.getResponseHeader('content-type') ?? '').startsWith('application/x-ndjson')) {
        // a refusal before the import began (too large, signed out …): the page's own answer says it
        fallback = true;
        xhr.abort();
        form.submit();
      }
    });
    xhr.addEventListener('progress', readLines);
    xhr.addEventListener('loadend', () => {
      button.disabled = false;
      if (fallback) return;
      if (xhr.status === 200) readLines();
      if (!ended) fail(box.dataset.interrupted);
    });
    xhr.send(new FormData(form));
  });
}
