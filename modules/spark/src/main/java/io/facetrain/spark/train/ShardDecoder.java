package io.facetrain.spark.train;

import io.facetrain.core.data.FaceRecords;

import io.facetrain.core.image.ImageDecoder;
import io.facetrain.core.preprocess.FaceCropper;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.schema.FaceImage;
import io.facetrain.spark.HadoopPaths;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads one shard file (from any Hadoop file system) and decodes and crops the images of the persons wanted, as the single-process
 * loader does ({@link ImageDecoder}, then {@link FaceCropper}); records of other persons are skipped
 * without decoding. Used by executors for the training images and by the driver for the validation images.
 */
public final class ShardDecoder {

    private final FaceCropper cropper;
    private final ImageDecoder decoder = new ImageDecoder();
    private final Configuration hadoop;

    /** @param hadoop the settings the shards' file system is reached with */
    public ShardDecoder(PreprocessConfig preprocess, Configuration hadoop) {
        this.cropper = new FaceCropper(preprocess);
        this.hadoop = hadoop;
    }

    /**
     * @param shard  an Avro container file of {@link FaceImage}, a Hadoop path (a plain path is local)
     * @param wanted which persons to decode
     * @throws IllegalArgumentException when a wanted image cannot be decoded (the dataset is damaged)
     */
    public List<CachedFace> read(String shard, Predicate<String> wanted) {
        List<CachedFace> faces = new ArrayList<>();
        Path file = HadoopPaths.of(shard);
        try (DataFileStream<FaceImage> reader = new DataFileStream<>(file.getFileSystem(hadoop).open(file),
                new SpecificDatumReader<>(FaceImage.class))) {
            FaceImage record = null;
            while (reader.hasNext()) {
                record = reader.next(record);
                if (wanted.test(record.getPersonId())) {
                    faces.add(decode(record));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shard " + shard + ": " + e.getMessage(), e);
        }
        return faces;
    }

    private CachedFace decode(FaceImage record) {
        return new CachedFace(record.getPersonId(), record.getImageId(), record.getSourcePath(),
                FaceRecords.croppedPixels(decoder, cropper, record));
    }
}
