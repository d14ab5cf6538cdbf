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

async function readBody(res) {
  const type = res.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

export async function getJson(url, { signal } = {}) {
  return readBody(await fetch(url, { signal, headers: { Accept: 'application/json' } }));
}

// The antiforgery token is bound to the signed-in user, so it is dropped whenever the user changes.
let antiforgery = null;
export const forgetAntiforgery = () => { antiforgery = null; };
function antiforgeryToken() {
  antiforgery ??= getJson('/api/account/antiforgery').catch((err) => { antiforgery = null; throw err; });
  return antiforgery;
}

const ANTIFORGERY_PROBLEM = 'urn:kissos:problem:antiforgery';

/** POST/PUT/DELETE with the antiforgery header and a JSON body; answers the parsed JSON (or null). */
export function send(method, url, body) {
  return sendBody(method, url, body === undefined ? null : { type: 'application/json', body: JSON.stringify(body) });
}

/** POSTs a CSV file's bytes as they are (the server tells UTF-8 from Windows-1250); answers the parsed JSON. */
export const sendCsv = (url, file) => sendBody('POST', url, { type: 'text/csv', body: file });

/** POSTs a file's bytes as the body (an upload of a document version); answers the parsed JSON. */
export const sendFile = (url, file) => sendBody('POST', url, { type: 'application/octet-stream', body: file });

/** PUTs a workbook's bytes as the body (an XLSX form uploaded back); answers the parsed JSON. */
export const sendXlsx = (url, file) =>
  sendBody('PUT', url, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: file });

async function sendBody(method, url, content, { retried = false } = {}) {
  const { token, header } = await antiforgeryToken();
  const headers = { Accept: 'application/json', [header]: token };
  if (content) headers['Content-Type'] = content.type;
  try {
    return await readBody(await fetch(url, { method, headers, body: content?.body }));
  } catch (err) {
    // A token from before a sign-in elsewhere (another tab) is refused once; a fresh one is then accepted.
    if (!retried && err instanceof ApiError && err.status === 400 && err.problem?.type === ANTIFORGERY_PROBLEM) {
      forgetAntiforgery();
      return sendBody(method, url, content, { retried: true });
    }
    throw err;
  }
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
  obce: (where, signal) => getJson(`/api/territory/obce${query(where)}`, { signal }),
  vacancies: (f, signal) => getJson(`/api/vacancies${query(f)}`, { signal }),
  statsObce: (f, signal) => getJson(`/api/map/stats/obce${query(f)}`, { signal }),
  demand: (level, f, signal) => getJson(`/api/map/demand/${level === 'obce' ? 'obce' : 'orp'}${query(f)}`, { signal }),
  flows: (f, signal) => getJson(`/api/map/flows${query(f)}`, { signal }),
  tileJson: (layer) => getJson(`/tiles/${enc(layer)}.json`),
};
