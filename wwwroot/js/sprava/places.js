// Places of provision in the service form: address, obec, and the point picked on a small map or typed in
// WGS84 or S-JTSK.
/* global L */
import { el, text } from '../dom.js';
import { toSJtsk, toWgs84 } from './krovak.js';
import { miniMap } from './minimap.js';
import { session } from './session.js';
import { contains, krajAt, kraje, obceOf } from './territory.js';
import { field, groupError, nextId, select, setOptions } from './ui.js';

const WGS84 = 'EPSG:4326';
const SJTSK = 'EPSG:5514';

const parseNumber = (s) => {
  const t = String(s ?? '').replace(/\s/g, '').replace(',', '.').replace('−', '-');
  return t === '' ? null : Number(t);
};
const fmt = (n, crs) => (n == null ? '' : crs === WGS84 ? n.toFixed(6) : n.toFixed(2));

/** One place: its fields, map and point. */
function placeEditor(place, { onRemove }) {
  let point = place.point ? { ...place.point } : null; // what the inputs say, in their system
  const names = {
    facility: el('input', { type: 'text', maxlength: 300, value: place.facilityName || '', autocomplete: 'off' }),
    street: el('input', { type: 'text', value: place.street || '', maxlength: 150, autocomplete: 'off' }),
    house: el('input', { type: 'text', value: place.houseNumber == null ? '' : String(place.houseNumber), inputmode: 'numeric', maxlength: 6, autocomplete: 'off' }),
    orientation: el('input', { type: 'text', value: place.orientationNumber || '', maxlength: 10 }),
    postCode: el('input', { type: 'text', value: place.postCode || '', inputmode: 'numeric', maxlength: 6, autocomplete: 'off' }),
  };
  const krajSelect = select([['', 'Zvolte kraj']], '');
  const obecSelect = select([['', 'Nejprve zvolte kraj']], '');
  const crsSelect = select([[WGS84, 'WGS84 – zeměpisné souřadnice (EPSG:4326)'], [SJTSK, 'S-JTSK – Křovák (EPSG:5514)']], point?.crs || WGS84);
  const xInput = el('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false' });
  const yInput = el('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false' });
  const xLabel = el('span');
  const yLabel = el('span');
  const crsHint = el('p', { class: 'field-hint' });
  const pointNote = el('p', { class: 'field-hint point-note', 'aria-live': 'polite' });
  const mapDiv = el('div', { class: 'mini-map place-map', role: 'application', 'aria-label': 'Mapa pro výběr polohy místa; klikněte na místo poskytování' });
  const legendText = el('span', { text: place.facilityName || 'Nové místo' });
  const error = groupError('places[?]');
  let map = null;
  let obecLayer = null;
  let marker = null;
  let obce = [];

  const removeButton = el('button', {
    type: 'button', class: 'button-secondary button-danger-quiet', text: 'Odebrat místo',
    onclick: () => onRemove(editor),
  });

  // The API's x is the longitude in WGS84 and the (negative) easting in S-JTSK.
  function syncCrsLabels() {
    const wgs = crsSelect.value === WGS84;
    xLabel.textContent = wgs ? 'Zeměpisná délka (x, °E)' : 'X (m)';
    yLabel.textContent = wgs ? 'Zeměpisná šířka (y, °N)' : 'Y (m)';
    crsHint.textContent = wgs
      ? 'Stupně s desetinnou čárkou nebo tečkou, např. délka 17,376276 a šířka 49,496097.'
      : 'S-JTSK / Křovák East North: obě souřadnice záporné, např. X = −539150, Y = −1133120. Kladné hodnoty převedeme.';
  }

  function showPointInInputs() {
    xInput.value = fmt(point?.x, point?.crs);
    yInput.value = fmt(point?.y, point?.crs);
  }

  const lonLat = () => {
    if (!point) return null;
    return point.crs === WGS84 ? [point.x, point.y] : toWgs84(point.x, point.y);
  };

  function drawMarker({ pan = false } = {}) {
    if (!map) return;
    const ll = lonLat();
    if (!ll) {
      marker?.remove();
      marker = null;
      return;
    }
    const latlng = [ll[1], ll[0]];
    if (!marker) {
      marker = L.marker(latlng, { draggable: true, keyboard: false, title: 'Poloha místa (lze přetáhnout)' }).addTo(map);
      marker.on('dragend', () => {
        const p = marker.getLatLng();
        setPointFromMap([p.lng, p.lat]);
      });
    } else {
      marker.setLatLng(latlng);
    }
    if (pan) map.setView(latlng, Math.max(map.getZoom(), 13));
  }

  function obecFeature(code) {
    return obce.find((o) => o.properties.code === code) || null;
  }

  function checkPointInObec() {
    const ll = lonLat();
    const obec = obecFeature(obecSelect.value);
    if (ll && obec && !contains(obec, ll)) {
      pointNote.textContent = `Bod leží mimo obec ${obec.properties.name}. Zkontrolujte obec nebo polohu; server bod mimo obec nepřijme.`;
      pointNote.classList.add('warn');
    } else if (pointNote.classList.contains('warn')) {
      pointNote.textContent = '';
      pointNote.classList.remove('warn');
    }
  }

  function styleObce() {
    obecLayer?.setStyle((f) => (f.properties.code === obecSelect.value
      ? { color: '#1f4e79', weight: 2.5, fillColor: '#1f4e79', fillOpacity: 0.12 }
      : { color: '#8a96a1', weight: 0.7, fillColor: '#fff', fillOpacity: 0.35 }));
  }

  // A point picked on the map is written into the inputs in the chosen system, so the inputs are the truth.
  function setPointFromMap([lon, lat], obecCode) {
    const [x, y] = crsSelect.value === WGS84 ? [lon, lat] : toSJtsk(lon, lat);
    setPoint({ x, y, crs: crsSelect.value });
    const hit = obecCode ? obecFeature(obecCode) : obce.find((o) => contains(o, [lon, lat]));
    if (hit && hit.properties.code !== obecSelect.value) {
      obecSelect.value = hit.properties.code;
      styleObce();
      pointNote.classList.remove('warn');
      pointNote.textContent = `Obec nastavena podle bodu: ${hit.properties.name}.`;
    } else {
      checkPointInObec();
    }
    editor.element.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function setPoint(p) {
    point = p;
    showPointInInputs();
    drawMarker();
  }

  function readInputs(crs = crsSelect.value) {
    const x = parseNumber(xInput.value);
    const y = parseNumber(yInput.value);
    if (x == null && y == null) return { point: null };
    if (x == null || y == null || !Number.isFinite(x) || !Number.isFinite(y)) return { error: 'Zadejte obě souřadnice jako čísla.' };
    let [px, py] = [x, y];
    if (crs === SJTSK && px > 0 && py > 0) {
      // Surveyors write Y, X positive; EPSG:5514 negates them, and the smaller one is the easting.
      [px, py] = px > py ? [-py, -px] : [-px, -py];
    }
    return { point: { x: px, y: py, crs } };
  }

  async function fillObce(kraj, keepCode) {
    obce = kraj ? await obceOf(kraj) : [];
    const keep = keepCode ?? obecSelect.value;
    const options = obce.map((o) => [o.properties.code, o.properties.name]);
    setOptions(obecSelect, [['', kraj ? 'Zvolte obec' : 'Nejprve zvolte kraj'], ...options], keep);
    if (keep && obecSelect.value !== keep) {
      // The obec is not in this kraj's list: keep it as an option so nothing the user had is lost.
      obecSelect.append(el('option', { value: keep, text: `obec s kódem ${keep}` }));
      obecSelect.value = keep;
    }
    drawObce();
  }

  function drawObce() {
    if (!map) return;
    obecLayer?.remove();
    obecLayer = obce.length
      ? L.geoJSON({ type: 'FeatureCollection', features: obce }, {
        // The polygon's click names the obec; the map's own click would set the point a second time.
        bubblingMouseEvents: false,
        onEachFeature: (f, layer) => {
          layer.bindTooltip(text(f.properties.name), { sticky: true, className: 'obec-tip' });
          layer.on('click', (e) => setPointFromMap([e.latlng.lng, e.latlng.lat], f.properties.code));
        },
      }).addTo(map)
      : null;
    styleObce();
    obecLayer?.bringToBack();
  }

  function fitView() {
    if (!map) return;
    const ll = lonLat();
    const obec = obecFeature(obecSelect.value);
    if (ll) map.setView([ll[1], ll[0]], 13);
    else if (obec) map.fitBounds(L.geoJSON(obec).getBounds(), { padding: [20, 20] });
    else if (obecLayer) map.fitBounds(obecLayer.getBounds());
  }

  krajSelect.addEventListener('change', async () => {
    await fillObce(krajSelect.value, '');
    fitView();
  });
  obecSelect.addEventListener('change', () => {
    styleObce();
    checkPointInObec();
    const obec = obecFeature(obecSelect.value);
    if (obec && map && !lonLat()) map.fitBounds(L.geoJSON(obec).getBounds(), { padding: [20, 20] });
  });
  let shownCrs = crsSelect.value;
  crsSelect.addEventListener('change', () => {
    // Convert what the inputs hold to the newly chosen system.
    const read = readInputs(shownCrs);
    shownCrs = crsSelect.value;
    if (read.point) {
      const [lon, lat] = read.point.crs === WGS84 ? [read.point.x, read.point.y] : toWgs84(read.point.x, read.point.y);
      const next = crsSelect.value === WGS84 ? [lon, lat] : toSJtsk(lon, lat);
      point = { x: next[0], y: next[1], crs: crsSelect.value };
      showPointInInputs();
    }
    syncCrsLabels();
  });
  const applyTyped = () => {
    const read = readInputs();
    if (read.error) {
      pointNote.textContent = read.error;
      pointNote.classList.add('warn');
      return;
    }
    point = read.point;
    if (point) showPointInInputs();
    drawMarker({ pan: true });
    checkPointInObec();
  };
  xInput.addEventListener('change', applyTyped);
  yInput.addEventListener('change', applyTyped);
  names.facility.addEventListener('input', () => { legendText.textContent = names.facility.value || 'Nové místo'; });

  const ids = { x: nextId('px'), y: nextId('py') };
  xInput.id = ids.x;
  yInput.id = ids.y;
  const fieldset = el('fieldset', { class: 'place-editor' },
    el('legend', {}, 'Místo poskytování: ', legendText),
    el('div', { class: 'grid-4' },
      field({ label: 'Název zařízení', input: names.facility, required: true, className: 'span-4' }),
      field({ label: 'Ulice', input: names.street, className: 'span-2' }),
      field({ label: 'Číslo popisné', input: names.house }),
      field({ label: 'Číslo orientační', input: names.orientation }),
      field({ label: 'PSČ', input: names.postCode }),
      field({ label: 'Kraj', input: krajSelect }),
      field({ label: 'Obec', input: obecSelect, required: true, className: 'span-2' })),
    el('div', { class: 'place-location' },
      mapDiv,
      el('div', { class: 'place-coords' },
        el('p', { class: 'subhead', text: 'Poloha' }),
        el('p', { class: 'field-hint', text: 'Klikněte do mapy na místo poskytování (bod lze i přetáhnout), nebo zadejte souřadnice.' }),
        field({ label: 'Souřadnicový systém', input: crsSelect }),
        el('div', { class: 'field' }, el('label', { for: ids.x }, xLabel), xInput),
        el('div', { class: 'field' }, el('label', { for: ids.y }, yLabel), yInput),
        crsHint,
        el('div', { class: 'button-row' },
          el('button', { type: 'button', class: 'button-secondary', text: 'Zobrazit zadaný bod', onclick: applyTyped }),
          el('button', {
            type: 'button', class: 'button-secondary', text: 'Odebrat polohu',
            onclick: () => { point = null; showPointInInputs(); drawMarker(); pointNote.textContent = 'Poloha odebrána.'; editor.element.dispatchEvent(new Event('input', { bubbles: true })); },
          })),
        pointNote)),
    error,
    el('div', { class: 'place-actions' }, removeButton));

  crsHint.id = nextId('crs-hint');
  xInput.setAttribute('aria-describedby', crsHint.id);
  yInput.setAttribute('aria-describedby', crsHint.id);

  const editor = {
    element: fieldset,
    setIndex(i) {
      error.dataset.errorFor = `places[${i}]`;
      fieldset.dataset.field = `places[${i}]`;
    },
    setRemovable(on) { removeButton.hidden = !on; },
    async mount() {
      syncCrsLabels();
      showPointInInputs();
      const options = (await kraje()).map((k) => [k.properties.nuts3, k.properties.name]);
      setOptions(krajSelect, [['', 'Zvolte kraj'], ...options], (await krajAt(lonLat())) || session.account?.kraj || '');
      await fillObce(krajSelect.value, place.obecCode || '');
      map = await miniMap(mapDiv);
      map.on('click', (e) => setPointFromMap([e.latlng.lng, e.latlng.lat]));
      drawObce();
      drawMarker();
      fitView();
    },
    /** {value} or {error} with a Czech message. */
    value() {
      const read = readInputs();
      if (read.error) return { error: read.error };
      const house = names.house.value.trim();
      const postCode = names.postCode.value.replace(/\s/g, '');
      if (house && !/^\d+$/.test(house)) return { error: 'Číslo popisné je celé číslo; písmeno patří do čísla orientačního.' };
      if (postCode && !/^\d{5}$/.test(postCode)) return { error: 'PSČ má pět číslic.' };
      return {
        value: {
          ...(place.id ? { id: place.id } : {}),
          facilityName: names.facility.value.trim(),
          street: names.street.value.trim() || null,
          houseNumber: house === '' ? null : Number(house),
          orientationNumber: names.orientation.value.trim() || null,
          postCode: postCode || null,
          obecCode: obecSelect.value,
          point: read.point,
        },
      };
    },
  };
  return editor;
}

/** All places of the service; at least one stays, as the server requires. */
export function placesEditor(places) {
  const editors = [];
  const list = el('div', { class: 'places-list' });
  const renumber = () => editors.forEach((e, i) => { e.setIndex(i); e.setRemovable(editors.length > 1); });

  function add(place) {
    const editor = placeEditor(place, {
      onRemove: (ed) => {
        editors.splice(editors.indexOf(ed), 1);
        ed.element.remove();
        renumber();
        list.dispatchEvent(new Event('input', { bubbles: true }));
        addButton.focus();
      },
    });
    editors.push(editor);
    list.append(editor.element);
    renumber();
    return editor;
  }

  const addButton = el('button', {
    type: 'button', class: 'button-secondary', text: 'Přidat místo poskytování',
    onclick: async () => {
      const editor = add({ facilityName: '', obecCode: '' });
      await editor.mount();
      editor.element.querySelector('input').focus();
    },
  });
  for (const p of places) add(p);

  return {
    element: el('fieldset', { class: 'form-section', 'data-field': 'places' },
      el('legend', { text: 'Místa poskytování' }),
      el('p', { class: 'field-hint', text: 'Adresy, kde se služba poskytuje. Bod místa musí ležet ve zvolené obci. Místo, které odeberete, se od služby odpojí.' }),
      groupError('places'),
      list,
      addButton),
    mount: () => Promise.all(editors.map((e) => e.mount())),
    /** {value: [...]} or {errors: {"places[i]": [...]}} */
    value() {
      const value = [];
      const errors = {};
      editors.forEach((e, i) => {
        const r = e.value();
        if (r.error) errors[`places[${i}]`] = [r.error];
        else value.push(r.value);
      });
      return Object.keys(errors).length ? { errors } : { value };
    },
  };
}
