/**
 * Names an Arrow type the way pyarrow prints it ('int32', 'timestamp[ms, tz=UTC]',
 * 'dictionary<utf8>') and says how driftgauge reads it.
 */
import {
  type DataType,
  type Date_,
  DateUnit,
  type Decimal,
  type Dictionary,
  type Duration,
  type FixedSizeBinary,
  type FixedSizeList,
  type Float,
  type Int,
  type Interval,
  IntervalUnit,
  Precision,
  type Time,
  type Timestamp,
  Type,
} from 'apache-arrow';
import type { ColumnKind } from './columns.js';

/** How a column of this type is decoded, or that it cannot be. */
export type TypeKind = ColumnKind | 'unsupported';

const UNITS = ['s', 'ms', 'us', 'ns'];
const FLOATS: Record<number, string> = { [Precision.HALF]: 'float16', [Precision.SINGLE]: 'float32', [Precision.DOUBLE]: 'float64' };
const MAX_NAME = 200;

function isStringType(type: DataType): boolean {
  return type.typeId === Type.Utf8 || type.typeId === Type.LargeUtf8 || type.typeId === Type.Utf8View;
}

/**
 * 'numerical' for integers, floats, timestamps and dates; 'categorical' for
 * bool, strings and dictionary-encoded strings; 'unsupported' otherwise.
 */
export function typeKind(type: DataType): TypeKind {
  switch (type.typeId) {
    case Type.Int:
    case Type.Float:
    case Type.Timestamp:
    case Type.Date:
      return 'numerical';
    case Type.Bool:
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
      return 'categorical';
    case Type.Dictionary:
      return isStringType((type as Dictionary).dictionary) ? 'categorical' : 'unsupported';
    default:
      return 'unsupported';
  }
}

function childNames(type: DataType): string {
  return (type.children ?? []).map((f) => `${f.name}: ${name(f.type)}`).join(', ');
}

function name(type: DataType): string {
  switch (type.typeId) {
    case Type.Null:
      return 'null';
    case Type.Int: {
      const t = type as Int;
      return `${t.isSigned ? 'int' : 'uint'}${t.bitWidth}`;
    }
    case Type.Float:
      return FLOATS[(type as Float).precision] ?? 'float';
    case Type.Bool:
      return 'bool';
    case Type.Utf8:
      return 'utf8';
    case Type.LargeUtf8:
      return 'large_utf8';
    case Type.Utf8View:
      return 'string_view';
    case Type.Binary:
      return 'binary';
    case Type.LargeBinary:
      return 'large_binary';
    case Type.BinaryView:
      return 'binary_view';
    case Type.FixedSizeBinary:
      return `fixed_size_binary[${(type as FixedSizeBinary).byteWidth}]`;
    case Type.Timestamp: {
      const t = type as Timestamp;
      return `timestamp[${UNITS[t.unit]}${t.timezone ? `, tz=${t.timezone}` : ''}]`;
    }
    case Type.Date:
      return (type as Date_).unit === DateUnit.DAY ? 'date32[day]' : 'date64[ms]';
    case Type.Time: {
      const t = type as Time;
      return `time${t.bitWidth}[${UNITS[t.unit]}]`;
    }
    case Type.Duration:
      return `duration[${UNITS[(type as Duration).unit]}]`;
    case Type.Interval:
      return `interval[${(IntervalUnit[(type as Interval).unit] ?? '?').toLowerCase()}]`;
    case Type.Decimal: {
      const t = type as Decimal;
      return `decimal${t.bitWidth}(${t.precision}, ${t.scale})`;
    }
    case Type.List:
      return `list<${childNames(type)}>`;
    case Type.LargeList:
      return `large_list<${childNames(type)}>`;
    case Type.FixedSizeList:
      return `fixed_size_list<${childNames(type)}>[${(type as FixedSizeList).listSize}]`;
    case Type.Struct:
      return `struct<${childNames(type)}>`;
    case Type.Map:
      return `map<${childNames(type)}>`;
    case Type.Union:
      return `union<${childNames(type)}>`;
    case Type.Dictionary:
      return `dictionary<${name((type as Dictionary).dictionary)}>`;
    default:
      return String(type).toLowerCase();
  }
}

/**
 * The type as pyarrow prints it, e.g. 'uint64', 'timestamp[ns, tz=UTC]',
 * 'dictionary<utf8>' (index width left out), 'list<item: int32>'.
 */
export function arrowTypeName(type: DataType): string {
  const full = name(type);
  return full.length > MAX_NAME ? `${full.slice(0, MAX_NAME)}...` : full;
}
