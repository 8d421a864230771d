package io.facetrain.paramserver.wire;

import java.nio.ByteOrder;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeAccess;

/**
 * Bulk copies between little-endian float payloads and {@code float[]}. On little-endian machines
 * (every platform ND4J native ships for here) this is one memory copy; elsewhere it converts
 * element by element.
 */
public final class LittleEndianFloats {
    private static final boolean NATIVE_IS_WIRE_ORDER = ByteOrder.nativeOrder() == Header.ORDER;
    private static final long FLOAT_ARRAY_BASE = UnsafeAccess.UNSAFE.arrayBaseOffset(float[].class);

    private LittleEndianFloats() {
    }

    /** Copies {@code count} floats stored at {@code index} of {@code source} into {@code target}. */
    public static void read(DirectBuffer source, int index, float[] target, int targetOffset, int count) {
        source.boundsCheck(index, count * 4);
        Objects.checkFromIndexSize(targetOffset, count, target.length);
        if (NATIVE_IS_WIRE_ORDER) {
            UnsafeAccess.UNSAFE.copyMemory(source.byteArray(), source.addressOffset() + index,
                    target, FLOAT_ARRAY_BASE + 4L * targetOffset, 4L * count);
        } else {
            for (int i = 0; i < count; i++) {
                target[targetOffset + i] = source.getFloat(index + 4 * i, Header.ORDER);
            }
        }
    }

    /** Copies {@code count} floats from {@code source} to {@code index} of {@code target}. */
    public static void write(float[] source, int sourceOffset, MutableDirectBuffer target, int index, int count) {
        target.boundsCheck(index, count * 4);
        Objects.checkFromIndexSize(sourceOffset, count, source.length);
        if (NATIVE_IS_WIRE_ORDER) {
            UnsafeAccess.UNSAFE.copyMemory(source, FLOAT_ARRAY_BASE + 4L * sourceOffset,
                    target.byteArray(), target.addressOffset() + index, 4L * count);
        } else {
            for (int i = 0; i < count; i++) {
                target.putFloat(index + 4 * i, source[sourceOffset + i], Header.ORDER);
            }
        }
    }
}
