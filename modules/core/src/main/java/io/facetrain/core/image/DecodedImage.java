package io.facetrain.core.image;

import io.facetrain.schema.ImageFormat;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A decoded image in one of two pixel layouts: {@link BufferedImage#TYPE_BYTE_GRAY} for greyscale
 * sources (1 channel) and {@link BufferedImage#TYPE_3BYTE_BGR} for colour sources (3 channels).
 * Alpha is dropped.
 *
 * @param image    the pixels
 * @param format   the encoded format the image was sniffed as
 * @param width    width in pixels
 * @param height   height in pixels
 * @param channels 1 for greyscale, 3 for colour
 */
public record DecodedImage(BufferedImage image, ImageFormat format, int width, int height, int channels) {

    public DecodedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(format, "format");
        if (width != image.getWidth() || height != image.getHeight()) {
            throw new IllegalArgumentException("size " + width + "x" + height + " does not match the image "
                    + image.getWidth() + "x" + image.getHeight());
        }
        int expectedType = channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
        if ((channels != 1 && channels != 3) || image.getType() != expectedType) {
            throw new IllegalArgumentException("channels must be 1 (TYPE_BYTE_GRAY) or 3 (TYPE_3BYTE_BGR), got "
                    + channels + " with image type " + image.getType());
        }
    }

    /** Builds the record from a normalised image, deriving size and channels from it. */
    public static DecodedImage of(BufferedImage image, ImageFormat format) {
        int channels = image.getType() == BufferedImage.TYPE_BYTE_GRAY ? 1 : 3;
        return new DecodedImage(image, format, image.getWidth(), image.getHeight(), channels);
    }
}
