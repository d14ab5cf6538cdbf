// Czech texts for Leaflet's own controls, popups and markers, for every map of the site. A plain script with no
// imports or exports, so that both ES modules (import './leaflet-cs.js') and the OGC pages (<script>) can load it
// after leaflet.js and before they create a map.
/* global L */
(() => {
  if (!window.L) return;
  L.Control.Zoom.mergeOptions({ zoomInTitle: 'Přiblížit', zoomOutTitle: 'Oddálit' });
  L.Control.Attribution.mergeOptions({
    prefix: '<a href="https://leafletjs.com" title="Knihovna pro interaktivní mapy">Leaflet</a>',
  });
  L.Marker.mergeOptions({ alt: 'Značka na mapě' });
  // Leaflet 1.9 writes "Close popup" into the button it builds and offers no option for it.
  const initLayout = L.Popup.prototype._initLayout;
  L.Popup.include({
    _initLayout() {
      initLayout.call(this);
      this._closeButton?.setAttribute('aria-label', 'Zavřít');
      this._closeButton?.setAttribute('title', 'Zavřít');
    },
  });
})();
