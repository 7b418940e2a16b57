#!/usr/bin/env node
// Convert Natural Earth 1:110m country outlines (world-atlas countries-110m.json, TopoJSON)
// into the GeoJSON the map page ships as its offline base layer.
//
//   node tools/web/countries.js TOPOJSON_CLIENT_DIR COUNTRIES_110M_JSON OUT_GEOJSON
//
// TOPOJSON_CLIENT_DIR is an unpacked `npm pack topojson-client@3.1.0` (its package/ folder);
// see tools/web/README.md for the exact steps. Coordinates are rounded to 2 decimals
// (about 1 km): the 110m outlines are coarser than that, and the file stays small.
"use strict";
const fs = require("fs");
const path = require("path");

const [clientDir, input, output] = process.argv.slice(2);
if (!clientDir || !input || !output) {
  console.error("usage: node countries.js TOPOJSON_CLIENT_DIR COUNTRIES_110M_JSON OUT_GEOJSON");
  process.exit(2);
}
const topojson = require(path.resolve(clientDir, "dist", "topojson-client.js"));
const topology = JSON.parse(fs.readFileSync(input, "utf8"));
const collection = topojson.feature(topology, topology.objects.countries);

const round = (value) => Math.round(value * 100) / 100;
function roundCoords(coords) {
  return typeof coords[0] === "number" ? coords.map(round) : coords.map(roundCoords);
}

const features = collection.features
  .filter((f) => f.geometry)
  .map((f) => ({
    type: "Feature",
    properties: { name: f.properties.name },
    geometry: { type: f.geometry.type, coordinates: roundCoords(f.geometry.coordinates) },
  }));

const out = {
  type: "FeatureCollection",
  source: "Country outlines: Natural Earth 1:110m (public domain), via world-atlas 2.0.2",
  features,
};
fs.writeFileSync(output, JSON.stringify(out) + "\n");
console.error(`${features.length} countries, ${fs.statSync(output).size} bytes -> ${output}`);
