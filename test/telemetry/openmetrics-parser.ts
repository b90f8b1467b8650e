/**
 * A small strict parser for OpenMetrics 1.0 text (the ABNF of the spec plus
 * its MUSTs for the types we expose), and a looser one for the Prometheus
 * text format 0.0.4. They throw on the first violation with the line number,
 * so a test reads `parseOpenMetrics(body)` and fails with the reason.
 *
 * Checked: exposition ends with `# EOF` (optionally one LF), no CR, metadata
 * lines TYPE/UNIT/HELP at most once each, before the family's samples,
 * families unique and not interleaved, UNIT a suffix of the name, sample
 * names match their family's type, label names/values per the ABNF
 * (escapes \\ \" \n only), numbers per `realnumber`/inf/nan, exemplars only
 * on counter `_total` and histogram `_bucket` lines, their label set at most
 * 128 code points, a bucket's exemplar within its `le`; histograms: buckets
 * sorted by canonical `le`, cumulative, +Inf present, `_count` = +Inf bucket.
 */

export interface ParsedExemplar {
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
  exemplar?: ParsedExemplar;
  line: number;
}

export interface ParsedFamily {
  name: string;
  type: string;
  unit?: string;
  help?: string;
  samples: ParsedSample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const REAL = /^[+-]?(?:\d+(?:\.\d*)?(?:e[+-]?\d+)?|\d*\.\d+(?:e[+-]?\d+)?)$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'gaugehistogram', 'stateset', 'info', 'summary', 'unknown']);

class ParseError extends Error {}

function fail(line: number, msg: string): never {
  throw new ParseError(`line ${line}: ${msg}`);
}

function parseNumber(s: string, line: number, what: string): number {
  const lower = s.toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(lower)) return lower.startsWith('-') ? -Infinity : Infinity;
  if (lower === 'nan') return Number.NaN;
  if (!REAL.test(lower)) fail(line, `${what} '${s}' is not an OpenMetrics number`);
  return Number(s);
}

function codePoints(s: string): number {
  return [...s].length;
}

/** Parses `{a="x",b="y"}` at `pos`; returns labels and the index after `}`. */
function parseLabels(text: string, pos: number, line: number): { labels: Record<string, string>; end: number } {
  if (text[pos] !== '{') fail(line, 'expected {');
  const labels: Record<string, string> = {};
  let i = pos + 1;
  if (text[i] === '}') return { labels, end: i + 1 };
  for (;;) {
    const m = LABEL_NAME.exec(text.slice(i));
    if (!m) fail(line, `bad label name at column ${i + 1}`);
    const name = m[0];
    i += name.length;
    if (text[i] !== '=') fail(line, `expected = after label ${name}`);
    if (text[i + 1] !== '"') fail(line, `expected " to open the value of ${name}`);
    i += 2;
    let value = '';
    for (;;) {
      if (i >= text.length) fail(line, `unterminated value of ${name}`);
      const c = text[i];
      if (c === '"') break;
      if (c === '\n') fail(line, 'raw line feed in a label value');
      if (c === '\\') {
        const d = text[i + 1];
        if (d === 'n') value += '\n';
        else if (d === '"') value += '"';
        else if (d === '\\') value += '\\';
        else fail(line, `undefined escape \\${d} in the value of ${name}`);
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    i++; // closing quote
    if (Object.hasOwn(labels, name)) fail(line, `label ${name} appears twice`);
    labels[name] = value;
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '}') return { labels, end: i + 1 };
    fail(line, `expected , or } after label ${name}`);
  }
}

function unescapeHelp(s: string, line: number, openMetrics: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      out += s[i];
      continue;
    }
    const d = s[i + 1];
    if (d === 'n') out += '\n';
    else if (d === '\\') out += '\\';
    else if (d === '"' && openMetrics) out += '"';
    else fail(line, `undefined escape \\${d} in HELP`);
    i++;
  }
  return out;
}

/** The family a sample name belongs to, given the family's type. */
function suffixAllowed(type: string, family: string, sample: string): string | null {
  const suffixes: Record<string, string[]> = {
    counter: ['_total', '_created'],
    gauge: [''],
    histogram: ['_bucket', '_count', '_sum', '_created'],
    gaugehistogram: ['_bucket', '_gcount', '_gsum'],
    summary: ['', '_count', '_sum', '_created'],
    info: ['_info'],
    stateset: [''],
    unknown: [''],
  };
  for (const s of suffixes[type] ?? []) if (sample === family + s) return s;
  return null;
}

/** Strictly parses an OpenMetrics 1.0 text exposition; throws with the line on the first violation. */
export function parseOpenMetrics(body: string): Map<string, ParsedFamily> {
  if (body.includes('\r')) throw new ParseError('carriage return in exposition');
  if (!body.endsWith('# EOF\n') && !body.endsWith('# EOF')) throw new ParseError('exposition does not end with # EOF');
  const lines = body.endsWith('\n') ? body.slice(0, -1).split('\n') : body.split('\n');
  const families = new Map<string, ParsedFamily>();
  let current: ParsedFamily | null = null;
  const startFamily = (name: string, line: number) => {
    if (current && current.name === name) return current;
    if (families.has(name)) fail(line, `family ${name} is interleaved or repeated`);
    current = { name, type: 'unknown', samples: [] };
    families.set(name, current);
    return current;
  };
  for (let idx = 0; idx < lines.length; idx++) {
    const n = idx + 1;
    const text = lines[idx];
    if (text === '# EOF') {
      if (idx !== lines.length - 1) fail(n, '# EOF is not the last line');
      continue;
    }
    if (idx === lines.length - 1) fail(n, 'last line is not # EOF');
    if (text.startsWith('#')) {
      const m = /^# (TYPE|HELP|UNIT) ([a-zA-Z_:][a-zA-Z0-9_:]*)(?: (.*))?$/.exec(text);
      if (!m) fail(n, `bad metadata line '${text}'`);
      const [, kind, name, rest = ''] = m;
      const fam = startFamily(name, n);
      if (fam.samples.length > 0) fail(n, `metadata for ${name} after its samples`);
      const key = kind.toLowerCase() as 'type' | 'help' | 'unit';
      if (key === 'type') {
        if ((fam as ParsedFamily & { typeSeen?: boolean }).typeSeen) fail(n, `second TYPE for ${name}`);
        if (!TYPES.has(rest)) fail(n, `unknown type '${rest}'`);
        fam.type = rest;
        (fam as ParsedFamily & { typeSeen?: boolean }).typeSeen = true;
      } else if (key === 'help') {
        if (fam.help !== undefined) fail(n, `second HELP for ${name}`);
        fam.help = unescapeHelp(rest, n, true);
      } else {
        if (fam.unit !== undefined) fail(n, `second UNIT for ${name}`);
        if (!/^[a-zA-Z0-9_:]*$/.test(rest)) fail(n, `bad unit '${rest}'`);
        if (rest !== '' && !name.endsWith(`_${rest}`)) fail(n, `unit ${rest} is not a suffix of ${name}`);
        fam.unit = rest;
      }
      continue;
    }
    // sample = metricname [labels] SP number [SP timestamp] [exemplar]
    const nm = METRIC_NAME.exec(text);
    if (!nm) fail(n, `bad sample line '${text}'`);
    const sampleName = nm[0];
    let pos = sampleName.length;
    let labels: Record<string, string> = {};
    if (text[pos] === '{') ({ labels, end: pos } = parseLabels(text, pos, n));
    if (text[pos] !== ' ') fail(n, 'expected a space before the value');
    const rest = text.slice(pos + 1);
    const hash = rest.indexOf(' # ');
    const valuePart = hash >= 0 ? rest.slice(0, hash) : rest;
    const fields = valuePart.split(' ');
    if (fields.length < 1 || fields.length > 2 || fields.some((f) => f === '')) fail(n, `bad value/timestamp '${valuePart}'`);
    const value = parseNumber(fields[0], n, 'value');
    const timestamp = fields.length === 2 ? parseNumber(fields[1], n, 'timestamp') : undefined;
    // Find the family: the current one if the name fits it.
    // Every family we expose has a TYPE line, so a sample must belong to the current family.
    const fam = current as ParsedFamily | null;
    const suffix = fam ? suffixAllowed(fam.type, fam.name, sampleName) : null;
    if (fam === null || suffix === null) fail(n, `sample ${sampleName} is not part of family ${fam?.name ?? '(none)'}`);
    const sample: ParsedSample = { name: sampleName, labels, value, timestamp, line: n };
    if (hash >= 0) {
      const ex = rest.slice(hash + 3);
      const allowed = (fam.type === 'counter' && suffix === '_total') || ((fam.type === 'histogram' || fam.type === 'gaugehistogram') && suffix === '_bucket');
      if (!allowed) fail(n, `exemplar on a ${fam.type} ${suffix || 'value'} line`);
      const { labels: exLabels, end } = parseLabels(ex, 0, n);
      let size = 0;
      for (const [k, v] of Object.entries(exLabels)) size += codePoints(k) + codePoints(v);
      if (size > 128) fail(n, `exemplar label set has ${size} code points (limit 128)`);
      const exFields = ex.slice(end).split(' ');
      if (exFields[0] !== '' || exFields.length < 2 || exFields.length > 3) fail(n, `bad exemplar '${ex}'`);
      sample.exemplar = {
        labels: exLabels,
        value: parseNumber(exFields[1], n, 'exemplar value'),
        timestamp: exFields.length === 3 ? parseNumber(exFields[2], n, 'exemplar timestamp') : undefined,
      };
    }
    fam.samples.push(sample);
  }
  for (const fam of families.values()) checkFamily(fam);
  return families;
}

function labelKey(labels: Record<string, string>, drop: string): string {
  return JSON.stringify(Object.entries(labels).filter(([k]) => k !== drop));
}

function checkFamily(fam: ParsedFamily) {
  if (fam.type === 'counter') {
    for (const s of fam.samples) {
      if (s.name.endsWith('_total') && (Number.isNaN(s.value) || s.value < 0)) fail(s.line, 'counter total is NaN or negative');
    }
  }
  if (fam.type === 'gauge' || fam.type === 'unknown' || fam.type === 'stateset') {
    for (const s of fam.samples) if (s.exemplar) fail(s.line, `exemplar on ${fam.type}`);
  }
  if (fam.type !== 'histogram') return;
  const points = new Map<string, ParsedSample[]>();
  for (const s of fam.samples) {
    if (s.name !== `${fam.name}_bucket` && 'le' in s.labels) fail(s.line, 'le label outside _bucket');
    const key = labelKey(s.labels, 'le');
    points.set(key, [...(points.get(key) ?? []), s]);
  }
  for (const samples of points.values()) {
    const buckets = samples.filter((s) => s.name === `${fam.name}_bucket`);
    if (buckets.length === 0) fail(samples[0].line, 'histogram point without buckets');
    let prevLe = -Infinity;
    let prevCount = 0;
    for (const b of buckets) {
      const raw = b.labels.le;
      if (raw === undefined) fail(b.line, '_bucket without le');
      const le = raw === '+Inf' ? Infinity : parseNumber(raw, b.line, 'le');
      if (raw !== '+Inf' && !/[.e]/.test(raw)) fail(b.line, `le="${raw}" is not canonical (needs .0)`);
      if (!(le > prevLe)) fail(b.line, 'buckets not sorted by le');
      if (!Number.isInteger(b.value) || b.value < prevCount) fail(b.line, 'bucket counts not cumulative integers');
      if (b.exemplar && !(b.exemplar.value <= le)) fail(b.line, `exemplar ${b.exemplar.value} outside le=${raw}`);
      prevLe = le;
      prevCount = b.value;
    }
    if (prevLe !== Infinity) fail(buckets[buckets.length - 1].line, 'no +Inf bucket');
    const count = samples.find((s) => s.name === `${fam.name}_count`);
    const sum = samples.find((s) => s.name === `${fam.name}_sum`);
    if (sum && !count) fail(sum.line, '_sum without _count');
    if (count && count.value !== prevCount) fail(count.line, '_count differs from the +Inf bucket');
  }
}

/** Parses the Prometheus text format 0.0.4 (no exemplars, no EOF); throws on violations. */
export function parsePrometheusText(body: string): Map<string, { type?: string; help?: string; samples: ParsedSample[] }> {
  const out = new Map<string, { type?: string; help?: string; samples: ParsedSample[] }>();
  const lines = body.split('\n');
  if (lines[lines.length - 1] !== '') throw new ParseError('text format must end with a line feed');
  lines.pop();
  for (let idx = 0; idx < lines.length; idx++) {
    const n = idx + 1;
    const text = lines[idx];
    if (text.startsWith('#')) {
      const m = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(text);
      if (!m) fail(n, `bad comment line '${text}' (EOF and exemplars are OpenMetrics only)`);
      const entry = out.get(m[2]) ?? { samples: [] };
      if (m[1] === 'TYPE') {
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(m[3])) fail(n, `bad type ${m[3]}`);
        entry.type = m[3];
      } else entry.help = unescapeHelp(m[3], n, false);
      out.set(m[2], entry);
      continue;
    }
    const nm = METRIC_NAME.exec(text);
    if (!nm) fail(n, `bad sample line '${text}'`);
    let pos = nm[0].length;
    let labels: Record<string, string> = {};
    if (text[pos] === '{') ({ labels, end: pos } = parseLabels(text, pos, n));
    const fields = text.slice(pos + 1).split(' ');
    if (text[pos] !== ' ' || fields.length > 2) fail(n, `bad value part (an exemplar?) in '${text}'`);
    const base = nm[0].replace(/_(bucket|sum|count)$/, '');
    const fam = out.get(nm[0]) ?? out.get(base);
    if (!fam) fail(n, `sample ${nm[0]} without TYPE`);
    fam.samples.push({ name: nm[0], labels, value: parseNumber(fields[0], n, 'value'), line: n });
  }
  return out;
}
