package io.facetrain.schema;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a generic record for any schema with every field filled by a non-default sample value, so a
 * decode with a newer schema exercises every field the old writer wrote. Values are derived from the
 * field name and type only, so the same schema always yields the same record.
 */
final class SampleRecords {

    private SampleRecords() {
    }

    static GenericRecord sample(Schema recordSchema) {
        return (GenericRecord) value(recordSchema, recordSchema.getName());
    }

    private static Object value(Schema schema, String seed) {
        int n = Math.floorMod(seed.hashCode(), 1000) + 1;
        switch (schema.getType()) {
            case RECORD: {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.name(), value(field.schema(), seed + "." + field.name()));
                }
                return record;
            }
            case ENUM:
                // The last symbol, not the first: a reader that silently fell back to a default would differ.
                return new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(schema.getEnumSymbols().size() - 1));
            case ARRAY: {
                List<Object> items = new ArrayList<>();
                items.add(value(schema.getElementType(), seed + "[0]"));
                items.add(value(schema.getElementType(), seed + "[1]"));
                return new GenericData.Array<>(schema, items);
            }
            case MAP: {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("k-" + n, value(schema.getValueType(), seed + "{0}"));
                return map;
            }
            case UNION: {
                // Prefer the non-null branch so optional fields carry data through the decode.
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL) {
                        return value(branch, seed);
                    }
                }
                return null;
            }
            case FIXED:
                return new GenericData.Fixed(schema, filled(schema.getFixedSize(), n));
            case STRING:
                return "sample-" + seed + "-" + n;
            case BYTES:
                return ByteBuffer.wrap(("bytes-" + seed).getBytes(StandardCharsets.UTF_8));
            case INT:
                return n;
            case LONG:
                return 1_700_000_000_000L + n;
            case FLOAT:
                return n + 0.25f;
            case DOUBLE:
                return n + 0.125;
            case BOOLEAN:
                return n % 2 == 0;
            case NULL:
                return null;
            default:
                throw new IllegalArgumentException("no sample value for Avro type " + schema.getType());
        }
    }

    private static byte[] filled(int size, int n) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (n + i);
        }
        return bytes;
    }
}
