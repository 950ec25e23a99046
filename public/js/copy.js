// "Copy link": shown only when JavaScript can copy; without it the link is a selectable field.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  const status = button.closest('section').querySelector('[data-copy-status]');
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(field.value);
    if (status) status.textContent = button.dataset.copied;
  });
}
