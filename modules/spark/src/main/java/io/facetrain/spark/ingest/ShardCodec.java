package io.facetrain.spark.ingest;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.CodecFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Avro codec names as configured: a codec name, or one with a level ({@code deflate-6}, {@code xz-3}). */
final class ShardCodec {

    private static final Pattern WITH_LEVEL = Pattern.compile("(deflate|xz|zstandard)-(-?\\d{1,2})");

    private ShardCodec() {
    }

    /**
     * @throws IllegalArgumentException for an unknown codec or level
     */
    static CodecFactory parse(String codec) {
        Matcher matcher = WITH_LEVEL.matcher(codec);
        try {
            if (!matcher.matches()) {
                return CodecFactory.fromString(codec);
            }
            int level = Integer.parseInt(matcher.group(2));
            return switch (matcher.group(1)) {
                case "deflate" -> CodecFactory.deflateCodec(level);
                case "xz" -> CodecFactory.xzCodec(level);
                default -> CodecFactory.zstandardCodec(level);
            };
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException(IngestSettings.SECTION + ".codec: unknown Avro codec '" + codec
                    + "' (use null, deflate, deflate-1..9, snappy, zstandard, zstandard-N, xz, xz-N or bzip2)", e);
        }
    }
}
