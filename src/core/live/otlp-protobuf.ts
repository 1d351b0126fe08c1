// OTLP/HTTP protobuf export requests (traces and logs) decoded to their OTLP/JSON form, so what a
// receiver gets in either encoding is written as the Collector file exporter writes it and read by
// the same importer. Field numbers are those of opentelemetry-proto v1 (trace.proto, logs.proto,
// common.proto, resource.proto); the JSON mapping is OTLP/JSON's: hex ids, 64-bit integers as
// decimal strings, enums as numbers, empty fields left out.
import { ProtobufError, ProtobufReader, WireType } from './protobuf-wire';

type Json = Record<string, unknown>;
const { varint, fixed64, lengthDelimited, fixed32 } = WireType;

/** AnyValue nesting deeper than this is refused (a hostile body could otherwise recurse without end). */
const MAX_VALUE_DEPTH = 64;

/** `ExportTraceServiceRequest` → `{ resourceSpans: [...] }`. */
export function decodeTraceRequest(bytes: Uint8Array): Json {
  return { resourceSpans: repeated(new ProtobufReader(bytes), 1, (m) => resourceGroup(m, 'scopeSpans', span)) };
}

/** `ExportLogsServiceRequest` → `{ resourceLogs: [...] }`. */
export function decodeLogsRequest(bytes: Uint8Array): Json {
  return { resourceLogs: repeated(new ProtobufReader(bytes), 1, (m) => resourceGroup(m, 'scopeLogs', logRecord)) };
}

/** The embedded messages of one repeated field, decoded; other fields are skipped. */
function repeated(reader: ProtobufReader, wanted: number, decode: (m: ProtobufReader) => Json): Json[] {
  const out: Json[] = [];
  reader.each((field, wire) => {
    if (field !== wanted || wire !== lengthDelimited) return false;
    out.push(decode(reader.message()));
    return true;
  });
  return out;
}

/** ResourceSpans / ResourceLogs: 1 resource, 2 scope groups, 3 schema_url. ScopeSpans / ScopeLogs: 1 scope, 2 items, 3 schema_url. */
function resourceGroup(reader: ProtobufReader, scopeKey: 'scopeSpans' | 'scopeLogs', item: (m: ProtobufReader) => Json): Json {
  const itemKey = scopeKey === 'scopeSpans' ? 'spans' : 'logRecords';
  const out: Json = { [scopeKey]: [] };
  reader.each((field, wire) => {
    if (wire !== lengthDelimited) return false;
    if (field === 1) out.resource = resource(reader.message());
    else if (field === 2) (out[scopeKey] as Json[]).push(scopeGroup(reader.message(), itemKey, item));
    else if (field === 3) out.schemaUrl = reader.string();
    else return false;
    return true;
  });
  return out;
}

function scopeGroup(reader: ProtobufReader, itemKey: string, item: (m: ProtobufReader) => Json): Json {
  const out: Json = { [itemKey]: [] };
  reader.each((field, wire) => {
    if (wire !== lengthDelimited) return false;
    if (field === 1) out.scope = scope(reader.message());
    else if (field === 2) (out[itemKey] as Json[]).push(item(reader.message()));
    else if (field === 3) out.schemaUrl = reader.string();
    else return false;
    return true;
  });
  return out;
}

/** Resource: 1 attributes, 2 dropped_attributes_count. */
function resource(reader: ProtobufReader): Json {
  const attributes: Json[] = [];
  const out: Json = { attributes };
  reader.each((field, wire) => {
    if (field === 1 && wire === lengthDelimited) attributes.push(keyValue(reader.message(), 0));
    else if (field === 2 && wire === varint) out.droppedAttributesCount = reader.varintNumber();
    else return false;
    return true;
  });
  return out;
}

/** InstrumentationScope: 1 name, 2 version, 3 attributes, 4 dropped_attributes_count. */
function scope(reader: ProtobufReader): Json {
  const out: Json = {};
  reader.each((field, wire) => {
    if (field === 1 && wire === lengthDelimited) out.name = reader.string();
    else if (field === 2 && wire === lengthDelimited) out.version = reader.string();
    else if (field === 3 && wire === lengthDelimited) ((out.attributes ??= []) as Json[]).push(keyValue(reader.message(), 0));
    else if (field === 4 && wire === varint) out.droppedAttributesCount = reader.varintNumber();
    else return false;
    return true;
  });
  return out;
}

/**
 * Span: 1 trace_id, 2 span_id, 3 trace_state, 4 parent_span_id, 5 name, 6 kind, 7 start_time_unix_nano,
 * 8 end_time_unix_nano, 9 attributes, 10 dropped_attributes_count, 11 events, 12 dropped_events_count,
 * 13 links, 14 dropped_links_count, 15 status, 16 flags.
 */
function span(reader: ProtobufReader): Json {
  const out: Json = {};
  const attributes: Json[] = [];
  reader.each((field, wire) => {
    switch (field) {
      case 1: case 2: case 4:
        if (wire !== lengthDelimited) return false;
        out[field === 1 ? 'traceId' : field === 2 ? 'spanId' : 'parentSpanId'] = Buffer.from(reader.bytesField()).toString('hex');
        return true;
      case 3: case 5:
        if (wire !== lengthDelimited) return false;
        out[field === 3 ? 'traceState' : 'name'] = reader.string();
        return true;
      case 6:
        if (wire !== varint) return false;
        out.kind = reader.int32();
        return true;
      case 7: case 8:
        if (wire !== fixed64) return false;
        out[field === 7 ? 'startTimeUnixNano' : 'endTimeUnixNano'] = reader.fixed64().toString();
        return true;
      case 9:
        if (wire !== lengthDelimited) return false;
        attributes.push(keyValue(reader.message(), 0));
        return true;
      case 10: case 12: case 14:
        if (wire !== varint) return false;
        out[field === 10 ? 'droppedAttributesCount' : field === 12 ? 'droppedEventsCount' : 'droppedLinksCount'] = reader.varintNumber();
        return true;
      case 11:
        if (wire !== lengthDelimited) return false;
        ((out.events ??= []) as Json[]).push(spanEvent(reader.message()));
        return true;
      case 13:
        if (wire !== lengthDelimited) return false;
        ((out.links ??= []) as Json[]).push(spanLink(reader.message()));
        return true;
      case 15:
        if (wire !== lengthDelimited) return false;
        out.status = status(reader.message());
        return true;
      case 16:
        if (wire !== fixed32) return false;
        out.flags = reader.fixed32();
        return true;
      default:
        return false;
    }
  });
  out.attributes = attributes;
  return out;
}

/** Span.Event: 1 time_unix_nano, 2 name, 3 attributes, 4 dropped_attributes_count. */
function spanEvent(reader: ProtobufReader): Json {
  const out: Json = { attributes: [] };
  reader.each((field, wire) => {
    if (field === 1 && wire === fixed64) out.timeUnixNano = reader.fixed64().toString();
    else if (field === 2 && wire === lengthDelimited) out.name = reader.string();
    else if (field === 3 && wire === lengthDelimited) (out.attributes as Json[]).push(keyValue(reader.message(), 0));
    else if (field === 4 && wire === varint) out.droppedAttributesCount = reader.varintNumber();
    else return false;
    return true;
  });
  return out;
}

/** Span.Link: 1 trace_id, 2 span_id, 3 trace_state, 4 attributes, 5 dropped_attributes_count, 6 flags. */
function spanLink(reader: ProtobufReader): Json {
  const out: Json = { attributes: [] };
  reader.each((field, wire) => {
    if ((field === 1 || field === 2) && wire === lengthDelimited) out[field === 1 ? 'traceId' : 'spanId'] = Buffer.from(reader.bytesField()).toString('hex');
    else if (field === 3 && wire === lengthDelimited) out.traceState = reader.string();
    else if (field === 4 && wire === lengthDelimited) (out.attributes as Json[]).push(keyValue(reader.message(), 0));
    else if (field === 5 && wire === varint) out.droppedAttributesCount = reader.varintNumber();
    else if (field === 6 && wire === fixed32) out.flags = reader.fixed32();
    else return false;
    return true;
  });
  return out;
}

/** Status: 2 message, 3 code (field 1 is reserved). */
function status(reader: ProtobufReader): Json {
  const out: Json = {};
  reader.each((field, wire) => {
    if (field === 2 && wire === lengthDelimited) out.message = reader.string();
    else if (field === 3 && wire === varint) out.code = reader.int32();
    else return false;
    return true;
  });
  return out;
}

/**
 * LogRecord: 1 time_unix_nano, 11 observed_time_unix_nano, 2 severity_number, 3 severity_text, 5 body,
 * 6 attributes, 7 dropped_attributes_count, 8 flags, 9 trace_id, 10 span_id, 12 event_name.
 */
function logRecord(reader: ProtobufReader): Json {
  const out: Json = {};
  const attributes: Json[] = [];
  reader.each((field, wire) => {
    if ((field === 1 || field === 11) && wire === fixed64) out[field === 1 ? 'timeUnixNano' : 'observedTimeUnixNano'] = reader.fixed64().toString();
    else if (field === 2 && wire === varint) out.severityNumber = reader.int32();
    else if (field === 3 && wire === lengthDelimited) out.severityText = reader.string();
    else if (field === 5 && wire === lengthDelimited) out.body = anyValue(reader.message(), 0);
    else if (field === 6 && wire === lengthDelimited) attributes.push(keyValue(reader.message(), 0));
    else if (field === 7 && wire === varint) out.droppedAttributesCount = reader.varintNumber();
    else if (field === 8 && wire === fixed32) out.flags = reader.fixed32();
    else if ((field === 9 || field === 10) && wire === lengthDelimited) out[field === 9 ? 'traceId' : 'spanId'] = Buffer.from(reader.bytesField()).toString('hex');
    else if (field === 12 && wire === lengthDelimited) out.eventName = reader.string();
    else return false;
    return true;
  });
  out.attributes = attributes;
  return out;
}

/** KeyValue: 1 key, 2 value. */
function keyValue(reader: ProtobufReader, depth: number): Json {
  const out: Json = { key: '', value: {} };
  reader.each((field, wire) => {
    if (field === 1 && wire === lengthDelimited) out.key = reader.string();
    else if (field === 2 && wire === lengthDelimited) out.value = anyValue(reader.message(), depth + 1);
    else return false;
    return true;
  });
  return out;
}

/** AnyValue (a oneof): 1 string, 2 bool, 3 int64, 4 double, 5 ArrayValue, 6 KeyValueList, 7 bytes. */
function anyValue(reader: ProtobufReader, depth: number): Json {
  if (depth > MAX_VALUE_DEPTH) throw new ProtobufError(`attribute values nested deeper than ${MAX_VALUE_DEPTH}`, reader.offset);
  let out: Json = {};
  reader.each((field, wire) => {
    if (field === 1 && wire === lengthDelimited) out = { stringValue: reader.string() };
    else if (field === 2 && wire === varint) out = { boolValue: reader.bool() };
    else if (field === 3 && wire === varint) out = { intValue: reader.int64().toString() };
    else if (field === 4 && wire === fixed64) out = { doubleValue: reader.double() };
    else if (field === 5 && wire === lengthDelimited) out = { arrayValue: { values: repeated(reader.message(), 1, (m) => anyValue(m, depth + 1)) } }; // ArrayValue: 1 repeated AnyValue
    else if (field === 6 && wire === lengthDelimited) out = { kvlistValue: { values: repeated(reader.message(), 1, (m) => keyValue(m, depth + 1)) } }; // KeyValueList: 1 repeated KeyValue
    else if (field === 7 && wire === lengthDelimited) out = { bytesValue: Buffer.from(reader.bytesField()).toString('base64') };
    else return false;
    return true;
  });
  return out;
}
