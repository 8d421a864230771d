package io.facetrain.core.eval;

/**
 * Open-set identification at a target false alarm rate. A probe is answered with its nearest gallery
 * identity when that distance is {@code <= threshold}, otherwise "not recognised".
 *
 * @param targetFar                   requested false alarm rate
 * @param threshold                   the largest-detection threshold whose false alarm rate is within target
 * @param falseAlarmRate              fraction of unknown probes answered with an identity (≤ targetFar)
 * @param detectionIdentificationRate fraction of known probes answered with their own identity
 * @param knownCorrect                known probes answered with their own identity
 * @param knownWrongIdentity          known probes answered with another identity
 * @param knownNotRecognised          known probes answered "not recognised"
 * @param unknownFalseAlarms          unknown probes answered with an identity
 * @param unknownNotRecognised        unknown probes answered "not recognised" (the right answer)
 */
public record OpenSetResult(double targetFar, double threshold, double falseAlarmRate,
                            double detectionIdentificationRate, int knownCorrect, int knownWrongIdentity,
                            int knownNotRecognised, int unknownFalseAlarms, int unknownNotRecognised) {
}
