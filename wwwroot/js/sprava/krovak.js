// S-JTSK / Křovák East North (EPSG:5514) ↔ WGS84, so a typed S-JTSK point can be shown on the map before it is saved.
// Bessel 1841 ellipsoid, the Křovák projection (EPSG method 9819) and the 7-parameter shift EPSG:1623, the one the
// server uses; about a metre off the official transformation, plenty to check a point by eye. The server converts
// the typed coordinates itself.

const RHO = Math.PI / 180;
const SEC = RHO / 3600;
const BESSEL = { a: 6377397.155, f: 1 / 299.1528128 };
const WGS84 = { a: 6378137, f: 1 / 298.257223563 };
// EPSG:1623, position vector: S-JTSK → WGS84.
const SHIFT = { tx: 570.8, ty: 85.7, tz: 462.8, rx: 4.998 * SEC, ry: 1.587 * SEC, rz: 5.261 * SEC, s: 3.56e-6 };

const e2 = BESSEL.f * (2 - BESSEL.f);
const e = Math.sqrt(e2);
const phiC = 49.5 * RHO;
const lambda0 = (24 + 50 / 60) * RHO;
const alphaC = (30 + 17 / 60 + 17.3031 / 3600) * RHO;
const phiP = 78.5 * RHO;
const kP = 0.9999;

const A = (BESSEL.a * Math.sqrt(1 - e2)) / (1 - e2 * Math.sin(phiC) ** 2);
const B = Math.sqrt(1 + (e2 * Math.cos(phiC) ** 4) / (1 - e2));
const gamma0 = Math.asin(Math.sin(phiC) / B);
const t0 = (Math.tan(Math.PI / 4 + gamma0 / 2) * ((1 + e * Math.sin(phiC)) / (1 - e * Math.sin(phiC))) ** ((e * B) / 2))
  / Math.tan(Math.PI / 4 + phiC / 2) ** B;
const n = Math.sin(phiP);
const r0 = (kP * A) / Math.tan(phiP);

function toGeocentric(lat, lon, { a, f }) {
  const es = f * (2 - f);
  const N = a / Math.sqrt(1 - es * Math.sin(lat) ** 2);
  return [N * Math.cos(lat) * Math.cos(lon), N * Math.cos(lat) * Math.sin(lon), N * (1 - es) * Math.sin(lat)];
}

function toGeodetic([x, y, z], { a, f }) {
  const es = f * (2 - f);
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - es));
  for (let i = 0; i < 6; i++) {
    const N = a / Math.sqrt(1 - es * Math.sin(lat) ** 2);
    lat = Math.atan2(z + es * N * Math.sin(lat), p);
  }
  return [lat, Math.atan2(y, x)];
}

function helmert([x, y, z], sign) {
  const { tx, ty, tz, rx, ry, rz, s } = SHIFT;
  const k = 1 + sign * s;
  return [
    sign * tx + k * (x - sign * rz * y + sign * ry * z),
    sign * ty + k * (sign * rz * x + y - sign * rx * z),
    sign * tz + k * (-sign * ry * x + sign * rx * y + z),
  ];
}

/** [lon, lat] in WGS84 → [x, y] in EPSG:5514 (both negative in Czechia). */
export function toSJtsk(lon, lat) {
  const [phi, lambda] = toGeodetic(helmert(toGeocentric(lat * RHO, lon * RHO, WGS84), -1), BESSEL);
  const U = 2 * (Math.atan((t0 * Math.tan(phi / 2 + Math.PI / 4) ** B)
    / ((1 + e * Math.sin(phi)) / (1 - e * Math.sin(phi))) ** ((e * B) / 2)) - Math.PI / 4);
  const V = B * (lambda0 - lambda);
  const T = Math.asin(Math.cos(alphaC) * Math.sin(U) + Math.sin(alphaC) * Math.cos(U) * Math.cos(V));
  const D = Math.asin((Math.cos(U) * Math.sin(V)) / Math.cos(T));
  const theta = n * D;
  const r = (r0 * Math.tan(Math.PI / 4 + phiP / 2) ** n) / Math.tan(T / 2 + Math.PI / 4) ** n;
  // Křovák gives southing and westing; East North negates both.
  return [-(r * Math.sin(theta)), -(r * Math.cos(theta))];
}

/** [x, y] in EPSG:5514 → [lon, lat] in WGS84. */
export function toWgs84(x, y) {
  const southing = -y;
  const westing = -x;
  const r = Math.hypot(southing, westing);
  const theta = Math.atan2(westing, southing);
  const D = theta / Math.sin(phiP);
  const T = 2 * (Math.atan((r0 / r) ** (1 / n) * Math.tan(Math.PI / 4 + phiP / 2)) - Math.PI / 4);
  const U = Math.asin(Math.cos(alphaC) * Math.sin(T) - Math.sin(alphaC) * Math.cos(T) * Math.cos(D));
  const V = Math.asin((Math.cos(T) * Math.sin(D)) / Math.cos(U));
  let phi = U;
  for (let i = 0; i < 8; i++) {
    phi = 2 * (Math.atan(t0 ** (-1 / B) * Math.tan(U / 2 + Math.PI / 4) ** (1 / B)
      * ((1 + e * Math.sin(phi)) / (1 - e * Math.sin(phi))) ** (e / 2)) - Math.PI / 4);
  }
  const lambda = lambda0 - V / B;
  const [lat, lon] = toGeodetic(helmert(toGeocentric(phi, lambda, BESSEL), 1), WGS84);
  return [lon / RHO, lat / RHO];
}
