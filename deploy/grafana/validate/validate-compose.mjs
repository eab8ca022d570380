// Validate docker-compose files offline: Compose-spec JSON schema (shipped in the dclint npm package) via ajv with
// allErrors, plus cross-reference checks `docker compose config` would do: depends_on targets, named volumes,
// networks, durations, every ${VAR} defined in the .env beside the file, and every bind-mounted path present (build
// outputs under ./jobs/target and ./cli/target excepted). Usage: node validate-compose.mjs file.yml...
import fs from 'node:fs'; import path from 'node:path'; import { createRequire } from 'node:module'; import YAML from 'yaml'; import Ajv from 'ajv';
const require = createRequire(import.meta.url);
const schema = JSON.parse(fs.readFileSync(require.resolve('dclint/package.json').replace('package.json', 'schemas/compose.schema.json')));
const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, validateSchema: false }).compile(schema);
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const errs = []; let c;
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { merge: true });
  if (doc.errors.length) errs.push(...doc.errors.map(e => `yaml: ${e.message.split('\n')[0]}`)); else c = doc.toJS();
  if (c && !validate(c)) for (const e of validate.errors) if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf')
    errs.push(`schema ${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ''}`);
  const dir = path.dirname(path.resolve(file));
  const envFile = path.join(dir, '.env');
  const env = new Set(fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8').split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#')).map(l => l.split('=')[0]) : []);
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/\$\{(\w+)(:?[-?][^}]*)?\}/g)) if (!m[2] && !env.has(m[1])) errs.push(`\${${m[1]}} is not defined in ${envFile}`);
  const services = c?.services ?? {};
  for (const [name, s] of Object.entries(services)) {
    if (!s || typeof s !== 'object') continue;
    const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
    for (const d of deps) if (!(d in services)) errs.push(`service ${name}: depends_on undefined service '${d}'`);
    for (const v of Array.isArray(s.volumes) ? s.volumes : []) {
      const src = typeof v === 'string' ? v.split(':')[0] : v?.type === 'volume' ? v.source : undefined;
      if (src && src.startsWith('./') && !src.startsWith('./jobs/target/') && !src.startsWith('./cli/target/') && !fs.existsSync(path.join(dir, src))) errs.push(`service ${name}: bind-mounted ${src} does not exist`);
      if (src && /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(src) && v !== src && !(src in (c.volumes ?? {}))) errs.push(`service ${name}: named volume '${src}' not declared in top-level volumes`);
    }
    for (const n of Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {})) if (n !== 'default' && !(n in (c.networks ?? {}))) errs.push(`service ${name}: network '${n}' not declared`);
    for (const k of ['interval', 'timeout', 'start_period', 'start_interval']) { const v = s.healthcheck?.[k]; if (typeof v === 'string' && !DURATION.test(v)) errs.push(`service ${name}: healthcheck.${k} '${v}' is not a duration`); }
  }
  if (errs.length) { failed++; console.log(`FAIL ${file}`); errs.forEach(e => console.log('  - ' + e)); } else console.log(`OK   ${file}`);
}
process.exit(failed ? 1 : 0);
