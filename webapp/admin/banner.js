// The warning and consent notice, shown before anyone signs in (R-ADM-7).

const response = await fetch('/admin/api/v1/banner', { headers: { Accept: 'application/json' } });
if (response.ok) {
  document.getElementById('banner').textContent = (await response.json()).banner;
}
