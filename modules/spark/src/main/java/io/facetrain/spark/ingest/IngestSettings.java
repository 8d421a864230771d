package io.facetrain.spark.ingest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.facetrain.core.image.ImageLimits;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything one ingest run needs: the paths and dataset name from the command line, and the tuning
 * from the {@code facetrain.ingest} configuration section. {@link Builder#build()} is the single place
 * where values are validated; the file system checks (does the input exist?) are made by
 * {@link IngestJob#prepare}.
 */
public final class IngestSettings {

    /** Path of the section in the facetrain configuration. */
    public static final String SECTION = "facetrain.ingest";

    private final String input;
    private final String output;
    private final Optional<String> dataset;
    private final OptionalInt shards;
    private final ImageLimits limits;
    private final long maxFileBytes;
    private final long targetShardBytes;
    private final String codec;

    private IngestSettings(Builder b) {
        this.input = b.input.trim();
        this.output = b.output.trim();
        this.dataset = Optional.ofNullable(b.dataset).map(String::trim);
        this.shards = b.shards == null ? OptionalInt.empty() : OptionalInt.of(b.shards);
        this.limits = new ImageLimits(b.minWidth, b.minHeight, b.maxPixels);
        this.maxFileBytes = b.maxFileBytes;
        this.targetShardBytes = b.targetShardBytes;
        this.codec = b.codec;
    }

    /** A builder holding the {@code facetrain.ingest} values of {@code config}; paths still to be set. */
    public static Builder builder(Config config) {
        try {
            Config section = config.getConfig(SECTION);
            Builder b = new Builder();
            b.minWidth = section.getInt("min-width");
            b.minHeight = section.getInt("min-height");
            b.maxPixels = section.getLong("max-pixels");
            b.maxFileBytes = section.getBytes("max-file-bytes");
            b.targetShardBytes = section.getBytes("target-shard-bytes");
            b.codec = section.getString("codec");
            return b;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid " + SECTION + " configuration: " + e.getMessage(), e);
        }
    }

    /** Input root: a directory with one folder per person (any Hadoop path; no scheme means local). */
    public String input() {
        return input;
    }

    /** Output dataset directory. */
    public String output() {
        return output;
    }

    /**
     * Dataset name asked for on the command line; empty means "keep the dataset's, or name it after the
     * output directory".
     */
    public Optional<String> dataset() {
        return dataset;
    }

    /** Shard count asked for on the command line; empty means "keep the dataset's, or derive one". */
    public OptionalInt shards() {
        return shards;
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Files larger than this are refused before being read into memory. */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** Bytes of images per shard aimed at when the shard count is derived. */
    public long targetShardBytes() {
        return targetShardBytes;
    }

    /** Avro codec of the shard files ({@code null}, {@code deflate-N}, ...). */
    public String codec() {
        return codec;
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private String input;
        private String output;
        private String dataset;
        private Integer shards;
        private int minWidth;
        private int minHeight;
        private long maxPixels;
        private long maxFileBytes;
        private long targetShardBytes;
        private String codec;

        private Builder() {
        }

        public Builder input(String value) {
            this.input = value;
            return this;
        }

        public Builder output(String value) {
            this.output = value;
            return this;
        }

        /** Null: keep the existing dataset's name, or name a new one after the output directory. */
        public Builder dataset(String value) {
            this.dataset = value;
            return this;
        }

        /** Null: keep the existing dataset's shard count, or derive one from the input size. */
        public Builder shards(Integer value) {
            this.shards = value;
            return this;
        }

        public Builder minWidth(int value) {
            this.minWidth = value;
            return this;
        }

        public Builder minHeight(int value) {
            this.minHeight = value;
            return this;
        }

        public Builder maxFileBytes(long value) {
            this.maxFileBytes = value;
            return this;
        }

        public Builder targetShardBytes(long value) {
            this.targetShardBytes = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the option or key and the bad value
         */
        public IngestSettings build() {
            if (input == null || input.isBlank()) {
                throw new IllegalArgumentException("--input is required: the folder with one sub-folder per person");
            }
            if (output == null || output.isBlank()) {
                throw new IllegalArgumentException("--out is required: the dataset directory to write");
            }
            if (shards != null && shards < 1) {
                throw new IllegalArgumentException("--shards must be at least 1, got " + shards);
            }
            if (minWidth < 1) {
                throw new IllegalArgumentException(SECTION + ".min-width must be at least 1, got " + minWidth);
            }
            if (minHeight < 1) {
                throw new IllegalArgumentException(SECTION + ".min-height must be at least 1, got " + minHeight);
            }
            if (maxPixels < (long) minWidth * minHeight) {
                throw new IllegalArgumentException(SECTION + ".max-pixels must be at least min-width × min-height = "
                        + (long) minWidth * minHeight + ", got " + maxPixels);
            }
            if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(SECTION + ".max-file-bytes must be between 1 and 2 GB (one file is"
                        + " held in memory while it is checked), got " + maxFileBytes);
            }
            if (targetShardBytes < 1) {
                throw new IllegalArgumentException(SECTION + ".target-shard-bytes must be positive, got "
                        + targetShardBytes);
            }
            ShardCodec.parse(Objects.requireNonNull(codec, SECTION + ".codec"));
            if (dataset != null && dataset.isBlank()) {
                throw new IllegalArgumentException("--dataset must not be blank");
            }
            return new IngestSettings(this);
        }
    }
}
