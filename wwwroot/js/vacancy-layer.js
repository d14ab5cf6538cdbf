// Vacancy markers: their own cluster group and look, changed one by one when a live update arrives.
/* global L */
import { bindCardPopup, openInCluster } from './map.js';

let map, cluster, handlers;
const markers = new Map(); // vacancy id → marker

const icon = (places) => L.divIcon({
  className: 'vac-marker',
  html: `<span>${Number(places) || ''}</span>`,
  iconSize: [26, 26],
  iconAnchor: [13, 13],
  popupAnchor: [0, -12],
});

export function initVacancyLayer(leafletMap, { popupContent, onOpen, onClose }) {
  map = leafletMap;
  handlers = { popupContent, onOpen, onClose };
  cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 30,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: (c) => L.divIcon({
      className: 'vac-cluster',
      html: `<span>${c.getChildCount()}</span>`,
      iconSize: [34, 34],
    }),
  });
}

export function showVacancyLayer(on) {
  if (on) map.addLayer(cluster); else map.removeLayer(cluster);
}

function makeMarker(f) {
  const id = String(f.id);
  const [lon, lat] = f.geometry.coordinates;
  // Not keyboard-focusable: the list is the keyboard route to every vacancy.
  const m = L.marker([lat, lon], { icon: icon(f.properties.places), title: f.properties.serviceName, keyboard: false });
  m.feature = f;
  bindCardPopup(m, { maxWidth: 400, minWidth: 310, maxHeight: 520 }, () => handlers.popupContent(m.feature));
  m.on('popupopen', () => handlers.onOpen(id));
  m.on('popupclose', () => handlers.onClose(id));
  // The id on the element lets tests and styles find a vacancy's marker once it is out of its cluster.
  m.on('add', () => { m.getElement()?.setAttribute('data-vacancy-id', id); });
  return m;
}

export function setVacancies(features) {
  // A reload (the catch-up once the live connection comes, a filter) keeps the card that is open if its vacancy stays.
  const openId = [...markers].find(([, m]) => m.isPopupOpen())?.[0];
  cluster.clearLayers();
  markers.clear();
  const list = [];
  for (const f of features) {
    if (!f.geometry) continue;
    const m = makeMarker(f);
    markers.set(String(f.id), m);
    list.push(m);
  }
  cluster.addLayers(list);
  if (openId) openVacancy(openId);
}

/** Adds or replaces one vacancy; an open card of it shows the new content. */
export function upsertVacancy(f) {
  const id = String(f.id);
  const old = markers.get(id);
  if (old && f.geometry) {
    const [lon, lat] = f.geometry.coordinates;
    old.feature = f;
    old.setIcon(icon(f.properties.places));
    if (!old.getLatLng().equals([lat, lon])) {
      cluster.removeLayer(old);
      old.setLatLng([lat, lon]);
      cluster.addLayer(old);
    }
    if (old.isPopupOpen()) old.getPopup().setContent(handlers.popupContent(f));
    return;
  }
  if (old) removeVacancy(id);
  if (!f.geometry) return;
  const m = makeMarker(f);
  markers.set(id, m);
  cluster.addLayer(m);
}

export function removeVacancy(id) {
  const m = markers.get(String(id));
  if (!m) return;
  m.closePopup();
  cluster.removeLayer(m);
  markers.delete(String(id));
}

export const hasVacancyMarker = (id) => markers.has(String(id));

export const openVacancy = (id, onOpened) => openInCluster(cluster, markers.get(String(id)), onOpened);
