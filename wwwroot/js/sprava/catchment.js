// Catchment area (územní působnost) in the service form: ORP and obce chosen on a small map or from a list,
// shown as removable chips. The server derives the area's geometry from them.
/* global L */
import { el, text } from '../dom.js';
import { formatNumber } from '../format.js';
import { miniMap } from './minimap.js';
import { kraje, obceOf, orpOf } from './territory.js';
import { groupError, nextId, select, setOptions } from './ui.js';

const CHOSEN = { color: '#5b21b6', weight: 1.5, fillColor: '#7c3aed', fillOpacity: 0.45 };
const FREE = { color: '#6b7785', weight: 0.8, fillColor: '#fff', fillOpacity: 0.35 };

export function catchmentEditor({ orp = [], obce = [], kraj = '' }) {
  const chosen = { orp: new Set(orp), obce: new Set(obce) };
  const names = { orp: new Map(), obce: new Map() }; // code → name, learnt from every kraj loaded
  let mode = 'orp';
  let map = null;
  let orpLayer = null;
  let obceLayer = null;
  let loaded = { orp: [], obce: [] };

  const krajSelect = select([['', 'Zvolte kraj']], '');
  const pickSelect = el('select');
  const pickLabel = el('label');
  const chips = el('div', { class: 'chips-area', 'aria-live': 'polite' });
  const mapDiv = el('div', { class: 'mini-map catchment-map', role: 'application', 'aria-label': 'Mapa územní působnosti; kliknutím území přidáte nebo odeberete' });
  const changed = () => section.dispatchEvent(new Event('input', { bubbles: true }));

  const modeName = nextId('catchment-mode');
  const modeRadios = [['orp', 'celá ORP'], ['obce', 'jednotlivé obce']].map(([value, text]) =>
    el('label', { class: 'check' }, el('input', { type: 'radio', name: modeName, value, checked: value === mode, onchange: () => setMode(value) }), text));

  function label(kind, code) {
    const name = names[kind].get(code);
    return kind === 'orp' ? `ORP ${name || code}` : name || `obec ${code}`;
  }

  function toggle(kind, code) {
    if (chosen[kind].has(code)) chosen[kind].delete(code); else chosen[kind].add(code);
    restyle();
    drawChips();
    changed();
  }

  function drawChips() {
    const group = (kind, title) => {
      const codes = [...chosen[kind]].sort((a, b) => label(kind, a).localeCompare(label(kind, b), 'cs'));
      return el('div', { class: 'chip-group' },
        el('p', { class: 'chip-title', text: `${title} (${formatNumber(codes.length)})` }),
        codes.length
          ? el('ul', { class: 'chips' }, codes.map((code) => el('li', { class: 'chip' },
            el('span', { text: label(kind, code) }),
            el('button', {
              type: 'button', class: 'chip-remove', 'aria-label': `Odebrat ${label(kind, code)}`, text: '×',
              onclick: () => { toggle(kind, code); pickSelect.focus(); },
            }))))
          : el('p', { class: 'missing', text: 'žádné' }),
        el('p', { class: 'field-error', 'data-error-for': kind === 'orp' ? 'catchmentOrp' : 'catchmentObce', hidden: true }));
    };
    // Error slots live inside the groups, so keep their text across redraws.
    const old = Object.fromEntries([...chips.querySelectorAll('[data-error-for]')].map((p) => [p.dataset.errorFor, p]));
    chips.replaceChildren(group('orp', 'Vybraná ORP'), group('obce', 'Vybrané obce'));
    for (const p of chips.querySelectorAll('[data-error-for]')) {
      const before = old[p.dataset.errorFor];
      if (before && !before.hidden) { p.textContent = before.textContent; p.hidden = false; }
    }
  }

  function restyle() {
    orpLayer?.setStyle((f) => (mode === 'orp' && chosen.orp.has(f.properties.csuCode)
      ? CHOSEN
      : mode === 'orp' ? FREE : { color: chosen.orp.has(f.properties.csuCode) ? '#5b21b6' : '#2f3b45', weight: 2, fill: chosen.orp.has(f.properties.csuCode), fillColor: '#7c3aed', fillOpacity: 0.18 }));
    obceLayer?.setStyle((f) => (chosen.obce.has(f.properties.code) ? CHOSEN : FREE));
  }

  function fillPickList() {
    const items = mode === 'orp'
      ? loaded.orp.map((f) => [f.properties.csuCode, f.properties.name])
      : loaded.obce.map((f) => [f.properties.code, f.properties.name]);
    pickLabel.textContent = mode === 'orp' ? 'ORP v kraji' : 'Obce v kraji';
    setOptions(pickSelect, [['', mode === 'orp' ? 'Zvolte ORP' : 'Zvolte obec'], ...items]);
  }

  function drawLayers() {
    if (!map) return;
    orpLayer?.remove();
    obceLayer?.remove();
    orpLayer = obceLayer = null;
    if (mode === 'obce' && loaded.obce.length) {
      obceLayer = L.geoJSON({ type: 'FeatureCollection', features: loaded.obce }, {
        onEachFeature: (f, layer) => {
          layer.bindTooltip(text(f.properties.name), { sticky: true });
          layer.on('click', () => toggle('obce', f.properties.code));
        },
      }).addTo(map);
    }
    if (loaded.orp.length) {
      orpLayer = L.geoJSON({ type: 'FeatureCollection', features: loaded.orp }, {
        interactive: mode === 'orp',
        onEachFeature: (f, layer) => {
          if (mode !== 'orp') return;
          layer.bindTooltip(text(`ORP ${f.properties.name}`), { sticky: true });
          layer.on('click', () => toggle('orp', f.properties.csuCode));
        },
      }).addTo(map);
    }
    restyle();
  }

  async function loadKraj(code) {
    loaded = code ? { orp: await orpOf(code), obce: await obceOf(code) } : { orp: [], obce: [] };
    for (const f of loaded.orp) names.orp.set(f.properties.csuCode, f.properties.name);
    for (const f of loaded.obce) names.obce.set(f.properties.code, f.properties.name);
    fillPickList();
    drawLayers();
    drawChips();
    if (map && orpLayer) map.fitBounds(orpLayer.getBounds(), { padding: [10, 10] });
  }

  function setMode(next) {
    mode = next;
    fillPickList();
    drawLayers();
  }

  krajSelect.addEventListener('change', () => loadKraj(krajSelect.value));
  const addButton = el('button', {
    type: 'button', class: 'button-secondary', text: 'Přidat',
    onclick: () => {
      const code = pickSelect.value;
      if (!code) return;
      const kind = mode === 'orp' ? 'orp' : 'obce';
      if (!chosen[kind].has(code)) toggle(kind, code);
      pickSelect.value = '';
    },
  });
  pickSelect.id = nextId('pick');
  pickLabel.htmlFor = pickSelect.id;
  krajSelect.id = nextId('ckraj');

  const section = el('fieldset', { class: 'form-section', 'data-field': 'catchment' },
    el('legend', { text: 'Územní působnost' }),
    el('p', { class: 'field-hint', text: 'Území, jehož obyvatelům služba slouží. Vyberte celá ORP nebo jednotlivé obce kliknutím do mapy nebo ze seznamu; hranice působnosti se z nich odvodí samy.' }),
    el('div', { class: 'catchment-controls' },
      el('div', { class: 'field' }, el('label', { for: krajSelect.id, text: 'Kraj na mapě' }), krajSelect),
      el('fieldset', { class: 'field inline-radios' }, el('legend', { text: 'Vybírat' }), modeRadios),
      el('div', { class: 'field field-grow' }, pickLabel, el('div', { class: 'input-with-button' }, pickSelect, addButton))),
    el('div', { class: 'catchment-body' }, mapDiv, chips),
    groupError('catchment'));

  drawChips();

  return {
    element: section,
    async mount() {
      const list = await kraje();
      setOptions(krajSelect, [['', 'Zvolte kraj'], ...list.map((k) => [k.properties.nuts3, k.properties.name])], kraj || '');
      map = await miniMap(mapDiv);
      await loadKraj(krajSelect.value);
    },
    value: () => ({ catchmentOrp: [...chosen.orp], catchmentObce: [...chosen.obce] }),
  };
}
