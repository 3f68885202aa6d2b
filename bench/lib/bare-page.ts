/** The cold baseline page (served beside the app): the same fetch and render, from a bare navigation. */
export function barePage(endpoint: string, limit: number): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title></head><body><ol id="bare"></ol>
<script type="module">
const room = new URLSearchParams(location.search).get('room');
const key = Object.keys(localStorage).find((k) => k.startsWith('CognitoIdentityServiceProvider.') && k.endsWith('.accessToken'));
const token = (key && localStorage.getItem(key)) || '';
const response = await fetch(${JSON.stringify(endpoint)} + '/rooms/' + encodeURIComponent(room) + '/messages?limit=${limit}', { headers: { Authorization: 'Bearer ' + token } });
const { items } = await response.json();
const list = document.getElementById('bare');
for (const item of items.reverse()) { const li = document.createElement('li'); li.textContent = item.author.displayName + ': ' + item.text; list.append(li); }
</script></body></html>`;
}

