package io.facetrain.spark.train;

import io.facetrain.core.data.FaceRecords;

import io.facetrain.core.image.ImageDecoder;
import io.facetrain.core.preprocess.FaceCropper;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.schema.FaceImage;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads one local shard file and decodes and crops the images of the persons wanted, as the single-process
 * loader does ({@link ImageDecoder}, then {@link FaceCropper}); records of other persons are skipped
 * without decoding. Used by executors for the training images and by the driver for the validation images.
 */
public final class ShardDecoder {

    private final FaceCropper cropper;
    private final ImageDecoder decoder = new ImageDecoder();

    public ShardDecoder(PreprocessConfig preprocess) {
        this.cropper = new FaceCropper(preprocess);
    }

    /**
     * @param shard  an Avro container file of {@link FaceImage}
     * @param wanted which persons to decode
     * @throws IllegalArgumentException when a wanted image cannot be decoded (the dataset is damaged)
     */
    public List<CachedFace> read(Path shard, Predicate<String> wanted) {
        List<CachedFace> faces = new ArrayList<>();
        try (DataFileReader<FaceImage> reader = new DataFileReader<>(shard.toFile(),
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
