package io.facetrain.spark.ingest;

import io.facetrain.schema.FaceImage;
import io.facetrain.spark.SerializableHadoopConfiguration;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import scala.Tuple2;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.Set;

/**
 * Writes one shard file from its planned entries (sorted by person, then path), streaming: one record in
 * memory at a time. An entry whose image is already in the previous version of the shard is copied from
 * there (with its original ingest time); any other is read from the input and checked against the id its
 * analysis recorded. The file is written under a temporary name unique to the task attempt; the driver
 * commits it.
 */
final class ShardWriter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final SerializableHadoopConfiguration hadoop;
    private final String inputRoot;
    private final String outputRoot;
    private final String dataset;
    private final int shards;
    private final String runId;
    private final long ingestTimeMillis;
    private final String codec;
    private final Set<Integer> shardsToWrite;

    ShardWriter(SerializableHadoopConfiguration hadoop, String inputRoot, String outputRoot, String dataset, int shards,
                String runId, Instant ingestTime, String codec, Set<Integer> shardsToWrite) {
        this.hadoop = hadoop;
        this.inputRoot = inputRoot;
        this.outputRoot = outputRoot;
        this.dataset = dataset;
        this.shards = shards;
        this.runId = runId;
        this.ingestTimeMillis = ingestTime.toEpochMilli();
        this.codec = codec;
        this.shardsToWrite = Set.copyOf(shardsToWrite);
    }

    /** Spark entry point: partition {@code shard} of the plan, partitioned by {@link ShardPartitioner}. */
    Iterator<ShardWriteResult> writePartition(int shard, Iterator<Tuple2<ShardKey, ShardEntry>> entries) throws IOException {
        if (!shardsToWrite.contains(shard)) {
            return Collections.emptyIterator();
        }
        TaskContext task = TaskContext.get();
        String attempt = runId + "-" + (task == null ? 0 : task.taskAttemptId());
        return Collections.singletonList(write(shard, attempt, new Iterator<ShardEntry>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public ShardEntry next() {
                return entries.next()._2();
            }
        })).iterator();
    }

    ShardWriteResult write(int shard, String attempt, Iterator<ShardEntry> entries) throws IOException {
        DatasetLayout layout = new DatasetLayout(new Path(outputRoot));
        Path input = new Path(inputRoot);
        FileSystem outFs = layout.root().getFileSystem(hadoop.get());
        FileSystem inFs = FileBytes.forReading(input.getFileSystem(hadoop.get()));
        Path target = layout.shard(shard);
        Path temp = DatasetLayout.temporary(target, attempt);
        int records = 0;
        int copied = 0;
        try (PreviousShard previous = PreviousShard.open(outFs, target);
             DataFileWriter<FaceImage> writer = new DataFileWriter<>(new SpecificDatumWriter<>(FaceImage.class))) {
            writer.setCodec(ShardCodec.parse(codec));
            writer.setMeta("facetrain.dataset", dataset);
            writer.setMeta("facetrain.shard", shard);
            writer.setMeta("facetrain.shards", shards);
            writer.create(FaceImage.getClassSchema(), outFs.create(temp, true));
            while (entries.hasNext()) {
                ShardEntry entry = entries.next();
                if (entry.shard() != shard) {
                    throw new IllegalStateException(entry.path() + " is planned for shard " + entry.shard()
                            + " but arrived in partition " + shard);
                }
                FaceImage kept = previous.find(entry);
                if (kept != null) {
                    writer.append(kept);
                    copied++;
                } else {
                    writer.append(fromInput(inFs, input, entry));
                }
                records++;
            }
        }
        return new ShardWriteResult(shard, temp.toString(), records, copied, records - copied,
                outFs.getFileStatus(temp).getLen());
    }

    private FaceImage fromInput(FileSystem fs, Path input, ShardEntry entry) throws IOException {
        InputFile file = new InputFile(entry.path(), entry.sizeBytes(), 0, Placement.PERSON);
        byte[] bytes;
        try {
            bytes = FileBytes.read(fs, file.resolve(input), entry.sizeBytes());
        } catch (IOException e) {
            throw new IOException(entry.path() + " changed while ingest was running (" + e.getMessage()
                    + "); run ingest again", e);
        }
        String id = ImageIds.of(bytes);
        if (!id.equals(entry.imageId())) {
            throw new IOException(entry.path() + " changed while ingest was running (SHA-256 " + id + ", analysed as "
                    + entry.imageId() + "); run ingest again");
        }
        return FaceImage.newBuilder()
                .setImageId(entry.imageId())
                .setPersonId(entry.personId())
                .setPersonName(ShardEntry.personName(entry.personId()))
                .setSourcePath(entry.path())
                .setFormat(entry.format())
                .setWidth(entry.width())
                .setHeight(entry.height())
                .setChannels(entry.channels())
                .setBytes(ByteBuffer.wrap(bytes))
                .setDataset(dataset)
                .setIngestTime(Instant.ofEpochMilli(ingestTimeMillis))
                .build();
    }

    /**
     * The previous version of the shard, read forward in step with the plan. Both are in (person, path)
     * order, so finding an entry only ever skips records that the new plan no longer holds.
     */
    private static final class PreviousShard implements AutoCloseable {
        private final DataFileStream<FaceImage> records;
        private FaceImage current;

        private PreviousShard(DataFileStream<FaceImage> records) {
            this.records = records;
        }

        static PreviousShard open(FileSystem fs, Path shard) throws IOException {
            if (!fs.exists(shard)) {
                return new PreviousShard(null);
            }
            InputStream in = fs.open(shard);
            try {
                return new PreviousShard(new DataFileStream<>(in, new SpecificDatumReader<>(FaceImage.class)));
            } catch (IOException e) {
                in.close();
                throw new IOException("cannot read the previous version of " + shard + ": " + e.getMessage(), e);
            }
        }

        /** The previous record for this entry, when it holds the same image; null otherwise. */
        FaceImage find(ShardEntry entry) {
            if (records == null) {
                return null;
            }
            while (current == null || ShardKey.compareInShard(current.getPersonId(), current.getSourcePath(),
                    entry.personId(), entry.path()) < 0) {
                if (!records.hasNext()) {
                    return null;
                }
                current = records.next();
            }
            boolean same = current.getPersonId().equals(entry.personId()) && current.getSourcePath().equals(entry.path())
                    && current.getImageId().equals(entry.imageId());
            return same ? current : null;
        }

        @Override
        public void close() throws IOException {
            if (records != null) {
                records.close();
            }
        }
    }
}
