package io.facetrain.core.eval;

import java.math.BigDecimal;

/** Text form of a false accept rate for map keys and column headers: 0.01 → "0.01", 1e-3 → "0.001". */
final class FarLabel {

    private FarLabel() {
    }

    static String of(double far) {
        return BigDecimal.valueOf(far).stripTrailingZeros().toPlainString();
    }
}
