package io.facetrain.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StepOverheadTest {

    private static StepOverhead.WorkerTime worker(double stepSeconds, double exchangeSeconds) {
        return new StepOverhead.WorkerTime((long) (exchangeSeconds * 1e9), (long) (stepSeconds * 1e9));
    }

    @Test
    void exchangeTimeOverStepTimeSummedOverWorkersAndRounds() {
        List<StepOverhead.WorkerTime> rounds = List.of(worker(1, 0.1), worker(1, 0.3), worker(2, 0.2), worker(2, 0.4));
        // 1.0 s of 6 s: weighted by step time, not the mean of the per-round fractions (0.175).
        assertEquals(1.0 / 6, StepOverhead.fraction(rounds), 1e-12);
    }

    @Test
    void refusesNoStepTimeAndMoreExchangeThanStepTime() {
        assertThrows(IllegalArgumentException.class, () -> StepOverhead.fraction(List.of()));
        assertThrows(IllegalArgumentException.class, () -> StepOverhead.fraction(List.of(worker(0, 0))));
        assertThrows(IllegalArgumentException.class, () -> worker(1, 2));
        assertThrows(IllegalArgumentException.class, () -> worker(1, -0.5));
    }
}
