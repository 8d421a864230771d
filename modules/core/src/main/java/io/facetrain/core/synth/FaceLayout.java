package io.facetrain.core.synth;

/**
 * Where the features of one face land in head coordinates (origin at the face centre, y down) once the
 * image's yaw and pitch are applied: turning the head moves the inner features sideways, and the eye on
 * the far side looks narrower. Computed once per image and shared by the painters.
 */
record FaceLayout(double halfWidth, double halfHeight, double shiftX, double shiftY,
                  double leftEyeX, double rightEyeX, double leftEyeWidth, double rightEyeWidth, double eyeY,
                  double noseX, double noseY, double mouthX, double mouthY) {

    static FaceLayout of(FaceTraits traits, FaceVariation.Pose pose) {
        double a = traits.head().halfWidth();
        double b = traits.head().halfHeight();
        double shiftX = pose.yaw() * a * 0.22;
        double shiftY = pose.pitch() * b * 0.07;
        FaceTraits.Eyes eyes = traits.eyes();
        double nearFar = 0.28 * Math.abs(pose.yaw());
        // Positive yaw turns the face towards +x: the +x eye moves to the far side of the head.
        double leftWidth = eyes.width() * (pose.yaw() < 0 ? 1 - nearFar : 1);
        double rightWidth = eyes.width() * (pose.yaw() > 0 ? 1 - nearFar : 1);
        return new FaceLayout(a, b, shiftX, shiftY,
                -eyes.spacing() + shiftX, eyes.spacing() + shiftX, leftWidth, rightWidth,
                eyes.height() + shiftY,
                shiftX * 1.4, traits.nose().length() + shiftY,
                shiftX * 1.1, traits.mouth().height() + shiftY * 0.8);
    }
}
