// Tiny DOM builder: el('p', {class: 'x'}, 'text', child).

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) node.append(c);
  return node;
}

/** Replaces a node's children, skipping null and false and flattening arrays, as el() does. */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return node;
}

/** Text from data for Leaflet tooltips and popups, which would read a string as HTML. */
export const text = (value) => document.createTextNode(String(value ?? ''));

/**
 * The page's load state for the browser tests: data-ready is '0' while a load runs, then '1' or 'error';
 * data-renders counts finished loads, so a test waits for the load its own action started (a count above the
 * one it read before acting), never for a '1' left over from an earlier load.
 */
export function setReady(state) {
  const body = document.body;
  if (state !== '0') body.dataset.renders = String(Number(body.dataset.renders || 0) + 1);
  body.dataset.ready = state;
}
