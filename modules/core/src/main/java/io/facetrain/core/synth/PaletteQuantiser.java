package io.facetrain.core.synth;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reduces an RGB image to a 256-colour palette image, so that pictures for documentation stay small:
 * sensor noise makes full-colour PNGs of the faces nearly incompressible. The palette comes from a
 * median cut of the 5-bit-per-channel colour histogram; every pixel takes the nearest entry (no dithering).
 */
final class PaletteQuantiser {

    private static final int LEVELS = 32;
    private static final int BINS = LEVELS * LEVELS * LEVELS;
    private static final int PALETTE_SIZE = 256;

    private PaletteQuantiser() {
    }

    static BufferedImage quantise(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        int[] counts = new int[BINS];
        for (int p : rgb) {
            counts[bin(p)]++;
        }
        int[][] palette = medianCut(counts);
        byte[] reds = new byte[palette.length];
        byte[] greens = new byte[palette.length];
        byte[] blues = new byte[palette.length];
        for (int i = 0; i < palette.length; i++) {
            reds[i] = (byte) palette[i][0];
            greens[i] = (byte) palette[i][1];
            blues[i] = (byte) palette[i][2];
        }
        BufferedImage indexed = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, palette.length, reds, greens, blues));
        WritableRaster raster = indexed.getRaster();
        int[] nearest = new int[BINS];
        Arrays.fill(nearest, -1);
        for (int i = 0; i < rgb.length; i++) {
            int bin = bin(rgb[i]);
            if (nearest[bin] < 0) {
                nearest[bin] = nearestEntry(bin, palette);
            }
            raster.setSample(i % width, i / width, 0, nearest[bin]);
        }
        return indexed;
    }

    private static int bin(int rgb) {
        return (((rgb >> 19) & 0x1F) * LEVELS + ((rgb >> 11) & 0x1F)) * LEVELS + ((rgb >> 3) & 0x1F);
    }

    private static int channel(int bin, int c) {
        return switch (c) {
            case 0 -> bin / (LEVELS * LEVELS);
            case 1 -> bin / LEVELS % LEVELS;
            default -> bin % LEVELS;
        };
    }

    /** Splits the occupied bins into at most 256 boxes; returns each box's pixel-weighted mean colour. */
    private static int[][] medianCut(int[] counts) {
        List<int[]> boxes = new ArrayList<>();
        int[] occupied = new int[BINS];
        int n = 0;
        for (int b = 0; b < BINS; b++) {
            if (counts[b] > 0) {
                occupied[n++] = b;
            }
        }
        boxes.add(Arrays.copyOf(occupied, n));
        List<int[]> sides = new ArrayList<>();
        sides.add(longestSide(boxes.get(0)));
        while (boxes.size() < PALETTE_SIZE) {
            int widest = -1;
            for (int i = 0; i < boxes.size(); i++) {
                if (boxes.get(i).length > 1 && (widest < 0 || sides.get(i)[1] > sides.get(widest)[1])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                break;
            }
            int[] box = boxes.remove(widest);
            int axis = sides.remove(widest)[0];
            int[] sorted = sortAlong(box, axis);
            int cut = weightedMedian(sorted, counts);
            int[] low = Arrays.copyOfRange(sorted, 0, cut);
            int[] high = Arrays.copyOfRange(sorted, cut, sorted.length);
            boxes.add(low);
            sides.add(longestSide(low));
            boxes.add(high);
            sides.add(longestSide(high));
        }
        int[][] palette = new int[boxes.size()][3];
        for (int i = 0; i < boxes.size(); i++) {
            long weight = 0;
            long[] sums = new long[3];
            for (int b : boxes.get(i)) {
                weight += counts[b];
                for (int c = 0; c < 3; c++) {
                    sums[c] += (long) counts[b] * (channel(b, c) * 8 + 4);
                }
            }
            for (int c = 0; c < 3; c++) {
                palette[i][c] = (int) (sums[c] / weight);
            }
        }
        return palette;
    }

    private static int[] sortAlong(int[] box, int axis) {
        long[] keyed = new long[box.length];
        for (int i = 0; i < box.length; i++) {
            keyed[i] = (long) channel(box[i], axis) * BINS + box[i];
        }
        Arrays.sort(keyed);
        int[] sorted = new int[box.length];
        for (int i = 0; i < box.length; i++) {
            sorted[i] = (int) (keyed[i] % BINS);
        }
        return sorted;
    }

    /** {axis, extent} of the channel along which the box's bins spread most. */
    private static int[] longestSide(int[] box) {
        int bestAxis = 0;
        int bestRange = -1;
        for (int c = 0; c < 3; c++) {
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (int b : box) {
                min = Math.min(min, channel(b, c));
                max = Math.max(max, channel(b, c));
            }
            if (max - min > bestRange) {
                bestRange = max - min;
                bestAxis = c;
            }
        }
        return new int[] {bestAxis, bestRange};
    }

    /** Index splitting the sorted bins into two halves of about equal pixel count (both non-empty). */
    private static int weightedMedian(int[] sorted, int[] counts) {
        long total = 0;
        for (int b : sorted) {
            total += counts[b];
        }
        long running = 0;
        for (int i = 0; i < sorted.length - 1; i++) {
            running += counts[sorted[i]];
            if (2 * running >= total) {
                return i + 1;
            }
        }
        return sorted.length - 1;
    }

    private static int nearestEntry(int bin, int[][] palette) {
        int r = channel(bin, 0) * 8 + 4;
        int g = channel(bin, 1) * 8 + 4;
        int b = channel(bin, 2) * 8 + 4;
        int best = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < palette.length; i++) {
            int dr = palette[i][0] - r;
            int dg = palette[i][1] - g;
            int db = palette[i][2] - b;
            int distance = dr * dr + dg * dg + db * db;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = i;
            }
        }
        return best;
    }
}
