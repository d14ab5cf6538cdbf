// Leaflet map: kraj outlines, ORP choropleth with legend, obce of Czechia from vector tiles, clustered services,
// catchment area; ORP outlines for vacancies; the areas of another view (the demand choropleth) in the same place.
/* global L */
import './leaflet-cs.js';
import { el, text } from './dom.js';
import { formatNumber, withUnit } from './format.js';

const DATA_ATTRIBUTION = 'Hranice: © ČÚZK (RÚIAN, CC BY 4.0); obyvatelé: © ČSÚ; registr: MPSV';
const PALETTE = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494']; // ColorBrewer YlGnBu
const ZERO = '#ece7dc';
const NO_DATA = '#c9c9c9';

let map, krajLayer, orpLayer, obecLayer, labelLayer, cluster, catchmentLayer, catchmentInfo, obceTiles;
const markers = new Map();

export function createMap(config, onMove) {
  // Without a basemap there is nothing to see past street level; the cluster spiderfies at maxZoom.
  const maxZoom = config?.tileUrl ? 18 : 14;
  // A view before any layer: the cluster group needs one when it is added.
  map = L.map('map', { zoomSnap: 0.5, minZoom: 6, maxZoom }).setView([49.8, 15.5], 7);
  map.attributionControl.addAttribution(DATA_ATTRIBUTION);
  if (config?.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || '', maxZoom: 19 }).addTo(map);
    map.getContainer().classList.add('has-tiles');
  }
  L.control.scale({ imperial: false }).addTo(map);
  map.createPane('obce').style.zIndex = 410;
  map.createPane('kraje').style.zIndex = 420;
  map.createPane('catchment').style.zIndex = 440;
  map.createPane('labels').style.zIndex = 450;
  map.getPane('obce').style.pointerEvents = 'none';
  map.getPane('kraje').style.pointerEvents = 'none';
  map.getPane('labels').style.pointerEvents = 'none';
  labelLayer = L.layerGroup().addTo(map);
  cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, spiderfyOnMaxZoom: true });
  map.addLayer(cluster);
  const legend = L.control({ position: 'topright' });
  legend.onAdd = () => {
    const box = el('details', { class: 'legend', open: true },
      el('summary', { text: 'Legenda' }), el('div', { id: 'legend' }));
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  legend.addTo(map);
  // The grid cell changes size when the error banner comes and goes.
  new ResizeObserver(() => map.invalidateSize()).observe(map.getContainer());
  map.on('moveend', () => onMove(getView()));
  const syncLabels = () => map.getContainer().classList.toggle('labels-off', map.getZoom() < 8);
  map.on('zoomend', syncLabels);
  syncLabels();
  // Leaflet's own Escape handling needs focus on the map itself, not on the card inside a popup.
  map.getContainer().addEventListener('keydown', (e) => { if (e.key === 'Escape') map.closePopup(); });
  return map;
}

export const leafletMap = () => map;

// Around a popup's content: its padding and border across (px); below it: that, the tip, the margin to the
// marker and the pan padding (px).
const POPUP_CHROME_X = 32;
const POPUP_CHROME_Y = 80;

/**
 * Where a card popup of at most `width` px may pan to so that the legend (top right corner) does not cover its
 * close button: beside the legend when the map is wide enough for both, else below it. Decided by the card's
 * full width, not by the loading text's, so the popup does not change sides when its data arrive; Leaflet reads
 * these {x, y} at each pan, so they follow the legend's size.
 */
function popupClearOfLegend(width) {
  const controls = map?.getContainer().querySelector('.leaflet-top.leaflet-right');
  if (!controls?.offsetHeight) return { right: 24, top: 24 };
  return map.getSize().x - controls.offsetWidth - 48 >= width
    ? { right: controls.offsetWidth + 24, top: 24 }
    : { right: 24, top: controls.offsetHeight + 24 };
}

/**
 * Binds a card popup (services, vacancies) to a marker: its content made by content(popup) at each opening,
 * panned clear of the legend, and no taller than the map's room below the legend, or its tip and marker would
 * be pushed off the map.
 */
export function bindCardPopup(marker, { maxHeight, ...size }, content) {
  const clear = () => popupClearOfLegend(size.maxWidth + POPUP_CHROME_X);
  marker.bindPopup('', {
    ...size,
    maxHeight,
    className: 'card-popup',
    autoPanPaddingTopLeft: { x: 24, get y() { return clear().top; } },
    autoPanPaddingBottomRight: { get x() { return clear().right; }, y: 24 },
  });
  marker.on('popupopen', (e) => {
    const room = map.getSize().y - clear().top - POPUP_CHROME_Y;
    e.popup.options.maxHeight = Math.max(160, Math.min(maxHeight, room));
    e.popup.setContent(content(e.popup));
  });
}

/** Services and vacancies share the territory layers; each view has its own points. */
export function showServices(on) {
  if (on) map.addLayer(cluster); else map.removeLayer(cluster);
  map.closePopup();
}

export const getView = () => ({ z: map.getZoom(), lat: map.getCenter().lat, lon: map.getCenter().lng });
export const setView = (v) => map.setView([v.lat, v.lon], v.z, { animate: false });

export function fitTo(layerOrBounds) {
  const b = layerOrBounds?.getBounds ? layerOrBounds.getBounds() : layerOrBounds;
  if (!b?.isValid()) return;
  // Keep the fitted area clear of the legend in the top right corner.
  const legend = map.getContainer().querySelector('.legend');
  const right = legend && map.getSize().x > 600 ? legend.offsetWidth + 24 : 16;
  map.fitBounds(b, { paddingTopLeft: [16, 16], paddingBottomRight: [right, 16], animate: false });
}

export function setKraje(fc, selected) {
  krajLayer?.remove();
  krajLayer = L.geoJSON(fc, {
    pane: 'kraje',
    interactive: false,
    style: (f) => ({
      className: 'kraj-outline',
      color: '#3d4852',
      weight: f.properties.nuts3 === selected ? 2.5 : 1,
      opacity: f.properties.nuts3 === selected ? 0.9 : 0.5,
      fill: false,
    }),
  }).addTo(map);
  return krajLayer;
}

export const krajLayerBounds = () => krajLayer?.getBounds();

/**
 * Outlines of all obce of Czechia from the server's vector tiles (tileUrl from TileJSON, versioned by the data),
 * over the country-wide choropleth; null removes them. Only at small scales: closer in, the ORP layer suffices.
 */
export function setObceTiles(tileUrl) {
  if (obceTiles && obceTiles.options.url === tileUrl) return;
  obceTiles?.remove();
  obceTiles = null;
  if (!tileUrl || !L.vectorGrid) return;
  obceTiles = L.vectorGrid.protobuf(tileUrl, {
    url: tileUrl,
    pane: 'obce',
    interactive: false,
    maxZoom: 12,
    maxNativeZoom: 12,
    rendererFactory: L.canvas.tile,
    vectorTileLayerStyles: { obce: { color: '#3d4852', weight: 0.4, opacity: 0.55, fill: false } },
  }).addTo(map);
}

export const krajBounds = (nuts3) => {
  let b = null;
  krajLayer?.eachLayer((l) => { if (l.feature.properties.nuts3 === nuts3) b = l.getBounds(); });
  return b;
};

/** Quantile breaks over the positive values, coloured from the palette; zero and missing get their own classes. */
export function classify(values, palette = PALETTE) {
  const pos = values.filter((v) => v > 0).sort((a, b) => a - b);
  const k = Math.min(palette.length, new Set(pos).size);
  if (!k) return [];
  const uppers = [];
  for (let i = 1; i <= k; i++) {
    const v = pos[Math.ceil((i * pos.length) / k) - 1];
    if (!uppers.includes(v)) uppers.push(v);
  }
  const step = (palette.length - 1) / Math.max(1, uppers.length - 1);
  return uppers.map((upper, i) => ({
    lower: i === 0 ? pos[0] : uppers[i - 1],
    upper,
    color: palette[uppers.length === 1 ? 2 : Math.round(i * step)],
  }));
}

// null: nothing to say (no inhabitants, or a kraj the catalogue has no data of), unlike a true zero.
const perThousand = (p, unit) => (p.population > 0 && p.hasData !== false ? (p.perThousand?.[unit] ?? 0) : null);

function colorOf(v, classes) {
  if (v == null) return NO_DATA;
  if (v <= 0) return ZERO;
  return (classes.find((c) => v <= c.upper) || classes[classes.length - 1]).color;
}

function orpSummary(p, unit, units) {
  const caps = Object.entries(p.capacity || {}).filter(([, n]) => n > 0);
  const v = perThousand(p, unit);
  return el('div', { class: 'orp-tip' },
    el('strong', { text: `ORP ${p.name}` }),
    el('div', { text: `Obyvatel: ${formatNumber(p.population)}` }),
    el('div', { text: `Služeb: ${formatNumber(p.services ?? 0)}` }),
    el('div', { text: `Kapacita: ${caps.length ? '' : p.hasData === false ? 'bez údajů' : 'žádná'}` }),
    caps.length ? el('ul', {}, caps.map(([u, n]) => el('li', { text: withUnit(n, units[u]?.unit || u) }))) : null,
    unplacedSummary(p.unplacedServices, p.unplacedCapacity, units),
    el('div', { class: 'orp-tip-value', text: `Na 1 000 obyvatel: ${v == null ? 'bez údaje' : withUnit(v, units[unit]?.unit || unit)}` }));
}

/**
 * Services without a place of provision, counted in the unit of their contact address apart from the capacity per
 * 1,000 inhabitants: "Bez místa poskytování: 2 služby, 40 klientů"; null when there are none.
 */
function unplacedSummary(services, capacity, units) {
  if (!services) return null;
  const caps = Object.entries(capacity || {}).filter(([, n]) => n > 0).map(([u, n]) => withUnit(n, units[u]?.unit || u));
  return el('div', { class: 'unplaced', text: `Bez místa poskytování: ${[withUnit(services, 'služba'), ...caps].join(', ')}` });
}

/** The services without a place of provision of all the areas, and their capacity per unit. */
function unplacedTotals(fc) {
  const capacity = {};
  let services = 0;
  for (const f of fc.features) {
    services += f.properties.unplacedServices || 0;
    for (const [u, n] of Object.entries(f.properties.unplacedCapacity || {})) capacity[u] = (capacity[u] || 0) + n;
  }
  return { services, capacity };
}

/** Draws the ORP choropleth of capacity per 1,000 inhabitants in one unit (capacity type code). */
export function setChoropleth(fc, unit, units, selectedOrp) {
  orpLayer?.remove();
  labelLayer.clearLayers();
  const values = fc.features.map((f) => perThousand(f.properties, unit));
  const classes = classify(values);
  orpLayer = L.geoJSON(fc, {
    style: (f) => ({
      className: 'orp-area',
      color: f.properties.csuCode === selectedOrp ? '#111' : '#5b6770',
      weight: f.properties.csuCode === selectedOrp ? 3 : 0.8,
      fillColor: colorOf(perThousand(f.properties, unit), classes),
      fillOpacity: 0.78,
    }),
    onEachFeature: (f, layer) => {
      layer.bindTooltip(() => orpSummary(f.properties, unit, units), { sticky: true, className: 'orp-tooltip' });
      layer.on('mouseover', () => layer.setStyle({ weight: 2.5 }));
      layer.on('mouseout', () => orpLayer.resetStyle(layer));
    },
  }).addTo(map);
  orpLayer.bringToBack();
  addOrpLabels();
  const unplaced = unplacedTotals(fc);
  renderLegend(classes, units[unit], { zero: values.some((v) => v === 0), noData: values.includes(null) },
    unplacedSummary(unplaced.services, unplaced.capacity, units));
  return orpLayer;
}

/** Another view's areas (a GeoJSON layer) take the place of the ORP layer, so fitting and labels work alike. */
export function setAreas(layer, { labels = true } = {}) {
  orpLayer?.remove();
  labelLayer.clearLayers();
  orpLayer = layer;
  if (!layer) return;
  layer.addTo(map);
  layer.bringToBack();
  if (labels) addOrpLabels();
}

function addOrpLabels() {
  // getCenter() needs the layer on the map, so labels come after addTo.
  orpLayer.eachLayer((layer) => {
    L.tooltip({ direction: 'center', className: 'orp-label', pane: 'labels', interactive: false })
      .setLatLng(layer.getCenter()).setContent(text(layer.feature.properties.name)).addTo(labelLayer);
  });
}

/** Plain ORP outlines of a kraj (the vacancy view): territory for orientation, no statistics. */
export function setOrpOutlines(features, selectedOrp) {
  orpLayer?.remove();
  labelLayer.clearLayers();
  orpLayer = null;
  if (features?.length) {
    orpLayer = L.geoJSON({ type: 'FeatureCollection', features }, {
      interactive: false,
      style: (f) => ({
        className: 'orp-outline',
        color: f.properties.csuCode === selectedOrp ? '#111' : '#7d8a95',
        weight: f.properties.csuCode === selectedOrp ? 2.5 : 0.8,
        fillColor: '#fbfbf8',
        fillOpacity: 0.7,
      }),
    }).addTo(map);
    orpLayer.bringToBack();
    addOrpLabels();
  }
  renderVacancyLegend();
}

/** Outline of the chosen obec, or none. */
export function setObecOutline(feature) {
  obecLayer?.remove();
  obecLayer = feature
    ? L.geoJSON(feature, { pane: 'kraje', interactive: false, style: { className: 'obec-outline', color: '#1f4e79', weight: 2.5, dashArray: '4 3', fill: false } }).addTo(map)
    : null;
}

export const obecBounds = () => obecLayer?.getBounds();

export const orpLayerBounds = () => orpLayer?.getBounds();

export const orpBounds = (csu) => {
  let b = null;
  orpLayer?.eachLayer((l) => { if (l.feature.properties.csuCode === csu) b = l.getBounds(); });
  return b;
};

function renderLegend(classes, type, has, unplaced) {
  const box = document.getElementById('legend');
  if (!box) return;
  const row = (color, label, cls = 'swatch') => el('li', {}, el('span', { class: cls, style: `background:${color}` }), label);
  const title = type ? `${type.name} na 1 000 obyvatel` : 'Kapacita na 1 000 obyvatel';
  box.replaceChildren(
    el('p', { class: 'legend-unit', text: title }),
    el('ul', {},
      classes.map((c) => row(c.color, c.lower === c.upper ? formatNumber(c.upper) : `${formatNumber(c.lower)} – ${formatNumber(c.upper)}`)),
      has.zero ? row(ZERO, '0 – bez kapacity') : null,
      has.noData ? row(NO_DATA, 'bez údajů') : null,
      el('li', { class: 'legend-points' }, el('span', { class: 'swatch-point' }), 'místo poskytování služby'),
      el('li', {}, el('span', { class: 'swatch-cluster', text: '5' }), 'více míst (shluk)')),
    ...(unplaced ? [unplaced] : []));
}

function renderVacancyLegend() {
  const box = document.getElementById('legend');
  if (!box) return;
  box.replaceChildren(
    el('p', { class: 'legend-unit', text: 'Volná místa' }),
    el('ul', {},
      el('li', {}, el('span', { class: 'swatch-vac', text: '2' }), 'nabídka (číslo = počet volných míst)'),
      el('li', {}, el('span', { class: 'swatch-vac-cluster', text: '3' }), 'více nabídek (shluk)'),
      el('li', {}, el('span', { class: 'swatch-near' }), 'okruh hledání v okolí bodu'),
      el('li', {}, el('span', { class: 'swatch', style: 'background:#fbfbf8' }), 'ORP kraje')));
}

export function setMarkers(features, { popupContent, onOpen, onClose }) {
  cluster.clearLayers();
  markers.clear();
  const icon = L.divIcon({ className: 'svc-marker', iconSize: [14, 14], html: '' });
  const list = [];
  for (const f of features) {
    if (!f.geometry) continue;
    const [lon, lat] = f.geometry.coordinates;
    // Not keyboard-focusable: the result list is the keyboard route to every service.
    const m = L.marker([lat, lon], { icon, title: f.properties.serviceName || f.properties.name, keyboard: false });
    // Content set on open rather than as a function: update() would call such a function again.
    bindCardPopup(m, { maxWidth: 380, minWidth: 300, maxHeight: 440 }, (popup) => popupContent(f, () => remeasure(popup)));
    m.on('popupopen', () => onOpen(String(f.id)));
    m.on('popupclose', () => onClose(String(f.id)));
    markers.set(String(f.id), m);
    list.push(m);
  }
  cluster.addLayers(list);
}

/** Fits a popup to its grown content; update() re-attaches the content, so the focus inside it is put back. */
function remeasure(popup) {
  const focused = popup.getElement()?.contains(document.activeElement) ? document.activeElement : null;
  popup.update();
  focused?.focus({ preventScroll: true });
}

export const hasMarker = (id) => markers.has(String(id));

export const openMarker = (id, onOpened) => openInCluster(cluster, markers.get(String(id)), onOpened);

let pendingMarker = null; // the marker the last openInCluster is still to open

/**
 * Zooms until the marker leaves its cluster, then opens its popup; false when there is no such marker.
 * The last call wins: a marker asked for earlier is not opened once another one has been asked for.
 */
export function openInCluster(clusterGroup, marker, onOpened) {
  if (!marker) return false;
  pendingMarker = marker;
  const open = () => {
    if (pendingMarker !== marker) return;
    pendingMarker = null;
    marker.openPopup();
    onOpened?.(marker.getPopup().getElement());
  };
  whenClustersSettled(clusterGroup, () => {
    if (pendingMarker === marker) clusterGroup.zoomToShowLayer(marker, open);
  });
  return true;
}

/**
 * Runs `then` once the map and the cluster group are out of any zoom animation. zoomToShowLayer started during
 * one (a click right after the page is ready, while the clusters of the fitted view still animate) takes the end
 * of that earlier animation for its own: it spiderfies the cluster mid-zoom and opens a popup that the zoom's
 * re-clustering closes again at once.
 */
function whenClustersSettled(clusterGroup, then) {
  // Leaflet.markercluster 1.5 counts its running animations in _inZoomAnimation; Leaflet sets _animatingZoom.
  if (!clusterGroup._inZoomAnimation && !map._animatingZoom) {
    then();
    return;
  }
  const retry = () => {
    clusterGroup.off('animationend', retry);
    map.off('zoomend', retry);
    // After the other listeners of the same event, one of which may start the cluster group's next animation.
    setTimeout(() => whenClustersSettled(clusterGroup, then));
  };
  clusterGroup.on('animationend', retry);
  map.on('zoomend', retry);
}

/**
 * Draws a service's catchment area with a note to hide it, fitted into view unless fit is false (a shared link
 * brings its own view); the map fires 'catchmentchange' when it comes and goes, for the page's URL.
 */
export function showCatchment(feature, { serviceId, label, fit = true }) {
  clearCatchment();
  catchmentLayer = L.geoJSON(feature, {
    pane: 'catchment',
    interactive: false,
    style: { className: 'catchment', color: '#7b2cbf', weight: 2.5, dashArray: '6 4', fillColor: '#7b2cbf', fillOpacity: 0.14 },
  }).addTo(map);
  catchmentLayer.serviceId = serviceId;
  catchmentInfo = L.control({ position: 'topright' });
  catchmentInfo.onAdd = () => {
    const box = el('div', { class: 'catchment-info' },
      el('span', { class: 'swatch-catchment' }),
      el('span', { text: `Územní působnost: ${label}` }),
      el('button', { type: 'button', class: 'link-button', text: 'Skrýt', onclick: clearCatchment }));
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  catchmentInfo.addTo(map);
  map.closePopup();
  if (fit) fitTo(catchmentLayer);
  map.fire('catchmentchange');
}

/** The service whose catchment area is shown, or null. */
export const shownCatchment = () => catchmentLayer?.serviceId ?? null;

export function clearCatchment() {
  if (!catchmentLayer) return;
  catchmentLayer.remove();
  catchmentInfo?.remove();
  catchmentLayer = catchmentInfo = null;
  map.fire('catchmentchange');
}
