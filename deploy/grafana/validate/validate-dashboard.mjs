// Validates Grafana dashboard JSON offline: a JSON Schema generated from @grafana/schema's Dashboard type (`npm run
// schema`), checked with ajv, plus what the types cannot express: unique panel ids and dashboard uids, panels
// within the 24-column grid, a refId on every target, and every datasource uid provisioned in
// ../provisioning/datasources. Usage: node validate-dashboard.mjs file.json...
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import YAML from 'yaml';

const here = path.dirname(new URL(import.meta.url).pathname);
const schema = JSON.parse(fs.readFileSync(path.join(here, 'grafana-dashboard.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const dsDir = path.join(here, '..', 'provisioning', 'datasources');
const datasourceUids = new Set(['-- Grafana --']);
for (const f of fs.readdirSync(dsDir).filter(f => /\.ya?ml$/.test(f))) {
  const doc = YAML.parse(fs.readFileSync(path.join(dsDir, f), 'utf8'));
  if (doc.apiVersion !== 1) console.log(`FAIL ${f}: provisioning files start with apiVersion: 1`);
  for (const ds of doc.datasources ?? []) datasourceUids.add(ds.uid);
}

let failed = 0;
const dashboardUids = new Map();
for (const file of process.argv.slice(2)) {
  const errs = [];
  let d;
  try { d = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) { errs.push(`not JSON: ${e.message}`); }
  // 'Export for sharing externally' adds __inputs/__elements/__requires, which the Dashboard type does not declare.
  if (d) for (const k of Object.keys(d)) if (k.startsWith('__')) delete d[k];
  if (d && !validate(d)) for (const e of validate.errors) errs.push(`schema ${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ''}${e.params?.allowedValues ? ' ' + JSON.stringify(e.params.allowedValues) : ''}`);
  if (d) {
    if (!d.uid) errs.push('no fixed uid');
    else if (dashboardUids.has(d.uid)) errs.push(`uid ${d.uid} also used by ${dashboardUids.get(d.uid)}`);
    else dashboardUids.set(d.uid, file);
    const checkDs = (ds, where) => { if (ds?.uid && !datasourceUids.has(ds.uid)) errs.push(`${where}: datasource uid '${ds.uid}' is not provisioned`); };
    for (const v of d.templating?.list ?? []) checkDs(v.datasource, `variable ${v.name}`);
    const ids = new Set();
    const walk = panels => (panels ?? []).forEach((p, i) => {
      if (ids.has(p.id)) errs.push(`panel[${i}] duplicate id ${p.id}`); ids.add(p.id);
      const g = p.gridPos;
      if (g && typeof g.w === 'number' && (g.w < 1 || (g.x ?? 0) + g.w > 24)) errs.push(`panel ${p.id} gridPos exceeds 24 columns`);
      if (p.type !== 'row' && !(p.targets ?? []).length) errs.push(`panel ${p.id} has no query`);
      checkDs(p.datasource, `panel ${p.id}`);
      for (const t of p.targets ?? []) { if (!t.refId) errs.push(`panel ${p.id} target without refId`); checkDs(t.datasource, `panel ${p.id} ${t.refId}`); }
      walk(p.panels);
    });
    walk(d.panels);
  }
  if (errs.length) { failed++; console.log(`FAIL ${file}`); errs.forEach(e => console.log('  - ' + e)); } else console.log(`OK   ${file}`);
}
process.exit(failed ? 1 : 0);
