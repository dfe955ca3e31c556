#!/usr/bin/env node
// Builds crates/web/data/world-110m.csv, the country outlines of the
// programme world map, from Natural Earth 1:110m (public domain) as packaged
// in the npm package `world-atlas` (TopoJSON). Run once by a developer when
// the shapes should change; the product only reads the generated CSV, which
// is compiled into the binary (no download at run time). See docs/MAP.md.
//
// Usage (npm registry needed only for this step):
//   mkdir -p /tmp/world-map && cd /tmp/world-map
//   npm install world-atlas@2.0.2 topojson-client@3.1.0 i18n-iso-countries@7.14.0
//   node /path/to/gedhub/scripts/build-world-map.mjs /tmp/world-map/node_modules
//
// Output: a header line, then one line per shape, `iso2,member,d`: the
// ISO 3166-1 alpha-2 code (empty for the two Natural Earth shapes that have
// none), 1 when the code is a WCO Member of crates/store/data/wco-members.csv
// (else 0: drawn as neutral land), and the SVG path data; sorted in drawing
// order (non-Members, Members, markers on top), then by code. Coordinates are
// in the Robinson projection, scaled to a 1000 × 440 viewBox (x right,
// y down; cropped at 60° S, so Antarctica, not a Member, is left out),
// rounded to one decimal; consecutive points that round to the same position
// are dropped. Members too small to have a shape at 1:110m get
// a small circle at an approximate position (MARKERS below) so they can
// still be seen and coloured.

import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const modules = process.argv[2];
if (!modules) {
  console.error("usage: node scripts/build-world-map.mjs <node_modules directory>");
  process.exit(2);
}
const require = createRequire(join(modules, "..", "noop.js"));
const topology = require("world-atlas/countries-110m.json");
const topojson = require("topojson-client");
// Rows of [alpha-2, alpha-3, numeric, subdivision-code-prefix].
const codes = require("i18n-iso-countries/codes.json");

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const membersCsv = readFileSync(join(root, "crates/store/data/wco-members.csv"), "utf8");
const members = new Set(
  membersCsv
    .split("\n")
    .slice(1)
    .map((line) => line.split(",")[0].trim())
    .filter((code) => /^[A-Z]{2}$/.test(code)),
);

const numericToAlpha2 = new Map(codes.map(([alpha2, , numeric]) => [numeric, alpha2]));
// Shapes Natural Earth gives without an ISO numeric id. Kosovo is a WCO
// Member under the user-assigned code XK; the other two (N. Cyprus,
// Somaliland) are not Members and stay unmapped.
const byName = new Map([["Kosovo", "XK"]]);

// Robinson projection table (Snyder, "Map Projections: A Working Manual"):
// for each 5° of latitude, the parallel's length (X) and distance from the
// equator (Y), interpolated linearly in between.
const ROBINSON = [
  [1.0, 0.0], [0.9986, 0.062], [0.9954, 0.124], [0.99, 0.186], [0.9822, 0.248],
  [0.973, 0.31], [0.96, 0.372], [0.9427, 0.434], [0.9216, 0.4958], [0.8962, 0.5571],
  [0.8679, 0.6176], [0.835, 0.6769], [0.7986, 0.7346], [0.7597, 0.7903], [0.7186, 0.8435],
  [0.6732, 0.8936], [0.6213, 0.9394], [0.5722, 0.9761], [0.5322, 1.0],
];
function robinson(lon, lat) {
  const a = Math.min(Math.abs(lat), 90) / 5;
  const i = Math.min(Math.floor(a), 17);
  const f = a - i;
  const x = ROBINSON[i][0] + (ROBINSON[i + 1][0] - ROBINSON[i][0]) * f;
  const y = ROBINSON[i][1] + (ROBINSON[i + 1][1] - ROBINSON[i][1]) * f;
  return [0.8487 * x * (lon * Math.PI / 180), 1.3523 * y * Math.sign(lat)];
}
// Full extent: x in ±0.8487π, y in ±1.3523; the map is cropped at 60° S
// (nothing but Antarctica lies further south) to save space.
const X_MAX = 0.8487 * Math.PI;
const Y_TOP = 1.3523;
const Y_BOTTOM = robinson(0, -60)[1];
const WIDTH = 1000;
const SCALE = WIDTH / (2 * X_MAX);
const HEIGHT = Math.round((Y_TOP - Y_BOTTOM) * SCALE);
const round = (v) => Math.round(v * 10) / 10;
function project([lon, lat]) {
  const [x, y] = robinson(lon, lat);
  return [round((x + X_MAX) * SCALE), round((Y_TOP - y) * SCALE)];
}

// A few rings (Russia, Fiji) run along the antimeridian and jump from +180°
// to -180° and back: each run between jumps is drawn as its own closed
// piece, which closes it along the map's edge instead of across the map.
function ringPath(ring) {
  const pieces = [[]];
  ring.forEach((position, i) => {
    if (i > 0 && Math.abs(position[0] - ring[i - 1][0]) > 180) pieces.push([]);
    pieces[pieces.length - 1].push(position);
  });
  if (pieces.length > 2) {
    // The ring's last run continues its first one.
    pieces[0] = pieces.pop().concat(pieces[0]);
  }
  return pieces.map(piecePath).join("");
}

function piecePath(ring) {
  const points = [];
  for (const position of ring) {
    const [x, y] = project(position);
    const last = points[points.length - 1];
    if (!last || last[0] !== x || last[1] !== y) points.push([x, y]);
  }
  if (points.length < 3) return "";
  return "M" + points.map(([x, y]) => `${x} ${y}`).join("L") + "Z";
}

// Approximate [longitude, latitude] of Members with no 1:110m shape (small
// island States and territories, city territories), placed by hand.
const MARKERS = {
  AD: [1.5, 42.5], AG: [-61.8, 17.1], BB: [-59.55, 13.15], BH: [50.55, 26.05],
  BM: [-64.75, 32.3], CV: [-23.6, 15.1], CW: [-68.95, 12.15], HK: [114.15, 22.3],
  KM: [43.3, -11.7], LC: [-61.0, 13.9], MO: [113.55, 22.2], MT: [14.45, 35.9],
  MU: [57.55, -20.25], MV: [73.5, 4.2], PW: [134.5, 7.5], SC: [55.45, -4.65],
  SG: [103.8, 1.35], ST: [6.6, 0.3], TO: [-175.2, -21.2], WS: [-172.0, -13.75],
};
const MARKER_RADIUS = 3;
function markerPath(position) {
  const [x, y] = project(position);
  const r = MARKER_RADIUS;
  return `M${round(x - r)} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
}

const features = topojson.feature(topology, topology.objects.countries).features;
const rows = new Map();
const unmapped = [];
for (const feature of features) {
  const code = numericToAlpha2.get(feature.id) ?? byName.get(feature.properties.name);
  if (code === "AQ") continue; // Below the crop.
  if (!code || !members.has(code)) {
    unmapped.push(`${feature.id ?? "-"} ${feature.properties.name}${code ? ` (${code})` : ""}`);
  }
  const polygons =
    feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const d = polygons.flatMap((polygon) => polygon.map(ringPath)).join("");
  if (!d) continue;
  const key = code ?? "";
  const member = code && members.has(code) ? 1 : 0;
  const row = rows.get(`${member}|${key}`);
  rows.set(`${member}|${key}`, { code: key, member, d: (row?.d ?? "") + d });
}
const missing = [...members].filter((code) => !rows.has(`1|${code}`)).sort();
const unplaced = missing.filter((code) => !MARKERS[code]);
for (const code of missing) {
  if (MARKERS[code]) rows.set(`1|${code}`, { code, member: 1, d: markerPath(MARKERS[code]) });
}

// Drawing order: neutral land, then Members' shapes, then the markers on top.
const isMarker = (row) => row.d.includes("a");
const sorted = [...rows.values()].sort(
  (a, b) =>
    a.member - b.member || isMarker(a) - isMarker(b) || a.code.localeCompare(b.code) || a.d.localeCompare(b.d),
);
const csv = "iso2,member,d\n" + sorted.map((r) => `${r.code},${r.member},${r.d}`).join("\n") + "\n";
writeFileSync(join(root, "crates/web/data/world-110m.csv"), csv);

console.log(`viewBox 0 0 ${WIDTH} ${HEIGHT}; ${sorted.length} shapes, ${csv.length} bytes`);
console.log(`shapes of non-Members (neutral land): ${unmapped.join("; ")}`);
console.log(`WCO Members without a 1:110m shape, drawn as markers (${missing.length}): ${missing.join(" ")}`);
if (unplaced.length) console.log(`WCO Members on neither shape nor marker: ${unplaced.join(" ")}`);
