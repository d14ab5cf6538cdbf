// Staff texts (announcements, FAQ answers) as DOM nodes: a tiny Markdown subset, every character of the text set
// through textContent or a text node — never innerHTML — so markup typed by staff shows as the text it is.
//   blank line        → new paragraph          "- " at line start → list item
//   **bold**          → <strong>               [label](https://… | mailto:…) → link (other targets stay text)
import { el } from '../dom.js';

const INLINE = /\*\*(.+?)\*\*|\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)/g;

/** The inline nodes of one line: text, <strong> and safe links. */
export function inline(line) {
  const nodes = [];
  let last = 0;
  for (const m of line.matchAll(INLINE)) {
    if (m.index > last) nodes.push(document.createTextNode(line.slice(last, m.index)));
    if (m[1] !== undefined) nodes.push(el('strong', { text: m[1] }));
    else nodes.push(el('a', { href: m[3], text: m[2], rel: 'noopener noreferrer', target: '_blank' }));
    last = m.index + m[0].length;
  }
  if (last < line.length) nodes.push(document.createTextNode(line.slice(last)));
  return nodes;
}

const BULLET = /^\s*[-•]\s+/;

/** The nodes of one block: consecutive "- " lines make a list, other consecutive lines a paragraph. */
function block(lines) {
  const runs = [];
  for (const line of lines) {
    const isItem = BULLET.test(line);
    if (runs.at(-1)?.isItem !== isItem) runs.push({ isItem, lines: [] });
    runs.at(-1).lines.push(line);
  }
  return runs.map((run) => (run.isItem
    ? el('ul', {}, run.lines.map((l) => el('li', {}, inline(l.replace(BULLET, '')))))
    : el('p', {}, run.lines.flatMap((l, i) => (i ? [el('br'), ...inline(l)] : inline(l))))));
}

/** A block element (div) holding the text's paragraphs and lists. */
export function richText(text, className = 'rich-text') {
  const blocks = String(text ?? '').replace(/\r\n?/g, '\n').split(/\n\s*\n/).filter((b) => b.trim());
  return el('div', { class: className }, blocks.flatMap((b) => block(b.split('\n'))));
}
