package io.facetrain.schema;

import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evolution rules for data-schemas/: every current schema must read data written by each of its
 * committed earlier versions (data-schemas/history/Name.vN.avsc), both by Avro's resolution rules and
 * by really decoding a record written with the old schema, into the generic and the generated class.
 */
class SchemaEvolutionTest {

    /** surefire runs with modules/schemas as the working directory. */
    private static final Path SCHEMAS = Path.of("../../data-schemas");

    private static final SchemaHistory HISTORY = SchemaHistory.scan(SCHEMAS);

    @Test
    void theSchemaDirectoryIsFound() {
        assertTrue(HISTORY.current().containsKey("FaceImage"), "no FaceImage.avsc under " + SCHEMAS.toAbsolutePath());
        assertFalse(HISTORY.versions().isEmpty(), "no history under " + SCHEMAS.toAbsolutePath());
    }

    @Test
    void everySchemaHasACommittedVersion() {
        assertEquals(List.of(), HISTORY.withoutHistory(),
                "schemas without data-schemas/history/<Name>.v1.avsc: commit the first version there");
    }

    @Test
    void noHistoryWithoutItsCurrentSchema() {
        assertEquals(List.of(), HISTORY.orphanedHistory(), "history entries whose current schema was removed");
    }

    @TestFactory
    Stream<DynamicTest> currentSchemaReadsEveryEarlierVersion() {
        return HISTORY.versions().stream().map(version -> DynamicTest.dynamicTest(version.toString(), () -> {
            Schema old = SchemaHistory.parse(version.file());
            Schema now = SchemaHistory.parse(HISTORY.current().get(version.name()));
            assertCanRead(now, old);
            assertDecodesLosslessly(now, old);
            assertGeneratedClassDecodes(now, old);
        }));
    }

    @Test
    void addingAFieldWithoutDefaultIsCaught() {
        Schema v1 = record("{\"name\": \"a\", \"type\": \"string\"}");
        Schema v2 = record("{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"int\"}");

        assertIncompatible(v2, v1);
        AvroTypeException failure = assertThrows(AvroTypeException.class, () -> decode(v2, v1, SampleRecords.sample(v1)));
        assertTrue(failure.getMessage().contains("b"), failure.getMessage());
    }

    @Test
    void removingAnEnumSymbolIsCaught() {
        Schema v1 = record("{\"name\": \"e\", \"type\": {\"type\": \"enum\", \"name\": \"E\", \"symbols\": [\"X\", \"Y\"]}}");
        Schema v2 = record("{\"name\": \"e\", \"type\": {\"type\": \"enum\", \"name\": \"E\", \"symbols\": [\"X\"]}}");

        assertIncompatible(v2, v1);
        assertThrows(AvroTypeException.class, () -> decode(v2, v1, SampleRecords.sample(v1)));
    }

    @Test
    void narrowingATypeIsCaught() {
        Schema v1 = record("{\"name\": \"n\", \"type\": \"long\"}");
        Schema v2 = record("{\"name\": \"n\", \"type\": \"int\"}");

        assertIncompatible(v2, v1);
    }

    @Test
    void addingAFieldWithDefaultPasses() throws IOException {
        Schema v1 = record("{\"name\": \"a\", \"type\": \"string\"}");
        Schema v2 = record("{\"name\": \"a\", \"type\": \"string\"}, "
                + "{\"name\": \"b\", \"type\": [\"null\", \"int\"], \"default\": null}");

        assertCanRead(v2, v1);
        assertDecodesLosslessly(v2, v1);
    }

    @Test
    void aSchemaWithoutHistoryIsReported(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("history"));
        Files.writeString(dir.resolve("Kept.avsc"), record("{\"name\": \"a\", \"type\": \"string\"}").toString());
        Files.writeString(dir.resolve("history/Kept.v1.avsc"), record("{\"name\": \"a\", \"type\": \"string\"}").toString());
        Files.writeString(dir.resolve("Fresh.avsc"), record("{\"name\": \"a\", \"type\": \"string\"}").toString());
        Files.writeString(dir.resolve("history/Gone.v1.avsc"), record("{\"name\": \"a\", \"type\": \"string\"}").toString());

        SchemaHistory history = SchemaHistory.scan(dir);

        assertEquals(List.of("Fresh"), history.withoutHistory());
        assertEquals(List.of("Gone"), history.orphanedHistory());
    }

    private static void assertCanRead(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(),
                () -> reader.getFullName() + " cannot read its earlier version: " + result.getDescription());
    }

    private static void assertIncompatible(Schema reader, Schema writer) {
        assertNotEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType());
    }

    /** Fields the versions share come back unchanged; fields added since come back as their defaults. */
    private static void assertDecodesLosslessly(Schema now, Schema old) throws IOException {
        GenericRecord written = SampleRecords.sample(old);
        GenericRecord read = decode(now, old, written);
        for (Schema.Field field : now.getFields()) {
            Schema.Field oldField = old.getField(field.name());
            if (oldField == null) {
                assertTrue(field.hasDefaultValue(), "added field without default: " + field.name());
                assertEquals(plain(GenericData.get().getDefaultValue(field)), plain(read.get(field.name())),
                        "added field " + field.name() + " must read as its default");
            } else if (oldField.schema().equals(field.schema())) {
                assertEquals(plain(written.get(field.name())), plain(read.get(field.name())),
                        "field " + field.name() + " changed in the round trip");
            }
        }
    }

    private static void assertGeneratedClassDecodes(Schema now, Schema old) throws IOException {
        Class<?> generated = SpecificData.get().getClass(now);
        assertTrue(generated != null && generated != Object.class, "no generated class for " + now.getFullName());
        SpecificDatumReader<Object> reader = new SpecificDatumReader<>(old, now);
        Object decoded = reader.read(null, DecoderFactory.get().binaryDecoder(encode(old, SampleRecords.sample(old)), null));
        assertInstanceOf(generated, decoded);
    }

    private static GenericRecord decode(Schema reader, Schema writer, GenericRecord record) throws IOException {
        GenericDatumReader<GenericRecord> datumReader = new GenericDatumReader<>(writer, reader);
        return datumReader.read(null, DecoderFactory.get().binaryDecoder(encode(writer, record), null));
    }

    private static byte[] encode(Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R\", \"namespace\": \"test\", \"fields\": ["
                + fields + "]}");
    }

    /** Generic values as plain Java values, so Utf8 and String (or two ByteBuffers) compare by content. */
    private static Object plain(Object value) {
        if (value instanceof Utf8 || value instanceof CharSequence || value instanceof GenericData.EnumSymbol) {
            return value.toString();
        }
        if (value instanceof ByteBuffer buffer) {
            return HexFormat.of().formatHex(buffer.array(), buffer.arrayOffset() + buffer.position(),
                    buffer.arrayOffset() + buffer.limit());
        }
        if (value instanceof GenericData.Fixed fixed) {
            return HexFormat.of().formatHex(fixed.bytes());
        }
        if (value instanceof GenericRecord record) {
            Map<String, Object> fields = new LinkedHashMap<>();
            record.getSchema().getFields().forEach(f -> fields.put(f.name(), plain(record.get(f.name()))));
            return fields;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(k.toString(), plain(v)));
            return entries;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(plain(item)));
            return items;
        }
        return value;
    }
}
