// The demand view on the map: choropleth of unmet demand per 1,000 inhabitants, supply in the tooltip, flow lines.
/* global L */
import { el, text } from './dom.js';
import { formatNumber, withUnit } from './format.js';
import { classify, leafletMap, setAreas } from './map.js';

const PALETTE = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026']; // ColorBrewer YlOrRd, apart from the supply blues
const ZERO = '#ece7dc';
const NO_DATA = '#c9c9c9';
const FLOW_COLOR = '#5b21b6';
/** How the public counts are protected (README, "Small counts"): rounded where they are counted, then added up. */
export const ROUNDING_NOTE = 'Počty jsou zaokrouhleny na násobky 5 (1–2 na 0, 3–7 na 5, …) v každé obci a druhu služby a teprve pak sečteny, '
  + 'aby z nich ani z jejich rozdílů nešlo poznat jednotlivce.';

let areas = null;
let flowLayer = null;

const keyOf = (p) => p.csuCode ?? p.code;

function colorOf(p, classes) {
  if (p.perThousand == null) return NO_DATA;
  if (p.perThousand <= 0) return ZERO;
  return (classes.find((c) => p.perThousand <= c.upper) || classes[classes.length - 1]).color;
}

/** Text of the unmet count (a multiple of 5). */
export const unmetText = (p) => formatNumber(p.unmet ?? 0);

function tooltip(p, { level, supplyOf, unit }) {
  const s = supplyOf(keyOf(p));
  return el('div', { class: 'orp-tip' },
    el('strong', { text: `${level === 'obce' ? 'Obec' : 'ORP'} ${p.name}` }),
    el('div', { text: `Obyvatel: ${formatNumber(p.population)}` }),
    el('div', { class: 'orp-tip-value', text: `Čekající žadatelé: ${unmetText(p)}` }),
    el('div', { text: `Na 1 000 obyvatel: ${formatNumber(p.perThousand)}` }),
    s ? el('div', { class: 'tip-supply' },
      el('div', { text: `Nabídka: ${withUnit(s.services ?? 0, 'služba')}` }),
      unit ? el('div', { text: `Kapacita: ${withUnit(s.capacity?.[unit.code] ?? 0, unit.unit)}` }) : null) : null);
}

/**
 * Draws the demand areas (ORP or obce). supplyOf(key) gives the supply statistics of a unit, or null;
 * unit is the capacity type shown beside demand. Answers the classes for the legend.
 */
export function drawDemand(fc, { level, selectedOrp, supplyOf = () => null, unit = null }) {
  const classes = classify(fc.features.map((f) => f.properties.perThousand), PALETTE);
  areas = L.geoJSON(fc, {
    style: (f) => ({
      className: 'demand-area',
      color: level === 'orp' && f.properties.csuCode === selectedOrp ? '#111' : '#5b6770',
      weight: level === 'orp' && f.properties.csuCode === selectedOrp ? 3 : level === 'obce' ? 0.5 : 0.8,
      fillColor: colorOf(f.properties, classes),
      fillOpacity: 0.82,
    }),
    onEachFeature: (f, layer) => {
      layer.bindTooltip(() => tooltip(f.properties, { level, supplyOf, unit }), { sticky: true, className: 'orp-tooltip' });
      layer.on('mouseover', () => layer.setStyle({ weight: 2.5 }));
      layer.on('mouseout', () => areas.resetStyle(layer));
    },
  });
  // Some hundreds of obce names would cover the map; their names are in the table and the tooltips.
  setAreas(areas, { labels: level === 'orp' });
  const has = {
    zero: fc.features.some((f) => f.properties.perThousand === 0),
    noData: fc.features.some((f) => f.properties.perThousand == null),
  };
  return { classes, has };
}

export function areaBounds(key) {
  let b = null;
  areas?.eachLayer((l) => { if (keyOf(l.feature.properties) === key) b = l.getBounds(); });
  return b;
}

/** Opens the tooltip of one area, as hovering it would (the table's way to the map). */
export function showArea(key) {
  areas?.eachLayer((l) => {
    if (keyOf(l.feature.properties) !== key) return;
    l.openTooltip(l.getCenter());
  });
}

// Line width by persons, on a square-root scale so a few large flows do not hide the rest.
const widthOf = (persons, max) => 1.5 + 9 * Math.sqrt(persons / Math.max(max, 1));

/** Flow lines from obec of residence to the place of provision, or none. */
export function drawFlows(fc) {
  const map = leafletMap();
  if (!map.getPane('flows')) map.createPane('flows').style.zIndex = 430;
  flowLayer?.remove();
  flowLayer = null;
  if (!fc) return null;
  const max = Math.max(0, ...fc.features.map((f) => f.properties.persons));
  // Widest first, so thin lines stay on top and can be pointed at.
  const sorted = { ...fc, features: [...fc.features].sort((a, b) => b.properties.persons - a.properties.persons) };
  flowLayer = L.geoJSON(sorted, {
    pane: 'flows',
    style: (f) => ({
      className: 'flow-line', color: FLOW_COLOR, opacity: 0.55, lineCap: 'round',
      weight: widthOf(f.properties.persons, max),
    }),
    onEachFeature: (f, layer) => layer.bindTooltip(
      text(`Z obce ${f.properties.fromName} do místa poskytování: ${withUnit(f.properties.persons, 'uživatel')}`),
      { sticky: true, className: 'orp-tooltip' }),
  }).addTo(map);
  return { count: fc.features.length, max };
}

/** Removes what the view drew but the ORP layer's owner does not: the flow lines. */
export function clearDemand() {
  flowLayer?.remove();
  flowLayer = null;
  areas = null;
}

export function renderDemandLegend({ classes, has }, { flows, perWhat }) {
  const box = document.getElementById('legend');
  if (!box) return;
  const row = (style, label, cls = 'swatch') => el('li', {}, el('span', { class: cls, style }), label);
  box.replaceChildren(
    el('p', { class: 'legend-unit', text: `Čekající žadatelé na 1 000 obyvatel ${perWhat}` }),
    el('ul', {},
      classes.map((c) => row(`background:${c.color}`, c.lower === c.upper ? formatNumber(c.upper) : `${formatNumber(c.lower)} – ${formatNumber(c.upper)}`)),
      has.zero ? row(`background:${ZERO}`, '0 – nikdo nečeká') : null,
      has.noData ? row(`background:${NO_DATA}`, 'bez údaje o obyvatelích') : null,
      flows ? [
        el('li', { class: 'legend-points' }, el('span', { class: 'swatch-flow', style: `border-top-width:${Math.round(widthOf(5, flows.max))}px` }),
          'tok 5 uživatelů'),
        flows.max > 5 ? el('li', {}, el('span', { class: 'swatch-flow', style: `border-top-width:${Math.round(widthOf(flows.max, flows.max))}px` }),
          `tok ${withUnit(flows.max, 'uživatel')}`) : null,
      ] : null));
}
