// Fetch helpers for the KISSoS API; failures carry the RFC 7807 problem details.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Czech text for a failed request, built from the problem details when the server sent them. */
export function problemText(err) {
  if (err instanceof ApiError) {
    const p = err.problem;
    if (!p) return `Server odpověděl chybou ${err.status}.`;
    const parts = [p.title, p.detail].filter(Boolean);
    for (const [field, msgs] of Object.entries(p.errors || {})) {
      parts.push(`${field}: ${[].concat(msgs).join(', ')}`);
    }
    return parts.join(' – ') || `Server odpověděl chybou ${err.status}.`;
  }
  return 'Server je nedostupný. Zkontrolujte připojení a zkuste to znovu.';
}

export async function getJson(url, { signal } = {}) {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  const type = res.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

const banner = () => document.getElementById('error');

/** Shows a failed request (or a plain text) in the page's alert banner. */
export function showError(errOrText) {
  if (errOrText?.name === 'AbortError') return;
  const text = typeof errOrText === 'string' ? errOrText : `Data se nepodařilo načíst. ${problemText(errOrText)}`;
  const box = banner();
  box.querySelector('.error-text').textContent = text;
  box.hidden = false;
}

export const hideError = () => { banner().hidden = true; };

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

export const api = {
  config: () => getJson('/api/config'),
  taxonomy: () => getJson('/api/catalogue/taxonomy'),
  kraje: () => getJson('/api/territory/kraje'),
  orp: (kraj, signal) => getJson(`/api/territory/orp${query({ kraj })}`, { signal }),
  services: (f, signal) => getJson(`/api/map/services${query(f)}`, { signal }),
  statsOrp: (f, signal) => getJson(`/api/map/stats/orp${query(f)}`, { signal }),
  service: (id) => getJson(`/api/catalogue/services/${enc(id)}`),
  catchment: (id) => getJson(`/api/map/services/${enc(id)}/catchment`),
  tileJson: (layer) => getJson(`/tiles/${enc(layer)}.json`),
};
