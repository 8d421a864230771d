package io.facetrain.core.data;

import io.facetrain.core.image.DecodedImage;
import io.facetrain.core.image.ImageDecoder;
import io.facetrain.core.image.ImageRejectedException;
import io.facetrain.core.preprocess.FaceCropper;
import io.facetrain.schema.FaceImage;

import java.nio.ByteBuffer;

/** Turns an ingested {@link FaceImage} record into the cropped pixels a run caches. */
public final class FaceRecords {

    private FaceRecords() {
    }

    /**
     * Decodes the record's file bytes and crops them.
     *
     * @throws IllegalArgumentException naming the image when it cannot be decoded (the dataset is damaged:
     *                                  ingest accepted it)
     */
    public static byte[] croppedPixels(ImageDecoder decoder, FaceCropper cropper, FaceImage record) {
        ByteBuffer buffer = record.getBytes().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        String name = record.getSourcePath();
        DecodedImage image;
        try {
            image = decoder.decode(bytes, name);
        } catch (ImageRejectedException e) {
            throw new IllegalArgumentException("image " + name + " (" + record.getImageId() + ") of the ingested "
                    + "dataset cannot be decoded: " + e.getMessage(), e);
        }
        return cropper.crop(image.image());
    }
}
