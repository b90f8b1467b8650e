/** Writes test tables as real Arrow IPC bytes with the apache-arrow package (another implementation than ours). */
import { writeFileSync } from 'node:fs';
import {
  Bool,
  type DataType,
  Dictionary,
  Float32,
  Float64,
  Int8,
  Int32,
  Int64,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';

export type TestType = 'float64' | 'float32' | 'int8' | 'int32' | 'int64' | 'utf8' | 'dictionary' | 'bool';

function arrowType(t: TestType): DataType {
  switch (t) {
    case 'float64':
      return new Float64();
    case 'float32':
      return new Float32();
    case 'int8':
      return new Int8();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'utf8':
      return new Utf8();
    case 'dictionary':
      return new Dictionary(new Utf8(), new Int32());
    case 'bool':
      return new Bool();
  }
}

export function arrowBytes(columns: Record<string, unknown[]>, types: Record<string, TestType>, format: 'file' | 'stream'): Uint8Array {
  // biome-ignore lint/suspicious/noExplicitAny: vectors of mixed Arrow types
  const vectors: Record<string, any> = {};
  for (const [name, values] of Object.entries(columns)) {
    const t = types[name] ?? 'float64';
    const vals = t === 'int64' ? values.map((v) => (v === null ? null : BigInt(v as number))) : values;
    vectors[name] = vectorFromArray(vals as never[], arrowType(t) as never);
  }
  return tableToIPC(new Table(vectors), format);
}

export function writeArrow(path: string, columns: Record<string, unknown[]>, types: Record<string, TestType>, format: 'file' | 'stream' = 'file'): string {
  writeFileSync(path, arrowBytes(columns, types, format));
  return path;
}
