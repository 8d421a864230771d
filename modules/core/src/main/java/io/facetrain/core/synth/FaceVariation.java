package io.facetrain.core.synth;

import java.util.SplittableRandom;

/**
 * The nuisance of one image: everything that changes from one photograph of a person to the next.
 * None of it says who the person is.
 *
 * @param pose        where the head is and how it is turned
 * @param expression  smile, open mouth, blinking, raised brows
 * @param scene       background and clothing
 * @param photo       lighting, blur and sensor noise
 * @param glassesOff  whether a glasses wearer took them off for this picture
 */
record FaceVariation(Pose pose, Expression expression, Scene scene, Photo photo, boolean glassesOff) {

    static FaceVariation sample(SplittableRandom random) {
        return new FaceVariation(Pose.sample(random), Expression.sample(random), Scene.sample(random),
                Photo.sample(random), Draw.chance(random, 0.15));
    }

    /**
     * @param roll  in-plane rotation in radians
     * @param yaw   turn to the side, -1..1 (inner features shift sideways)
     * @param pitch nod, -1..1 (inner features shift up or down)
     * @param dx    horizontal offset of the face centre from the canvas centre
     * @param dy    vertical offset
     * @param scale head size factor
     */
    record Pose(double roll, double yaw, double pitch, double dx, double dy, double scale) {
        static Pose sample(SplittableRandom random) {
            return new Pose(Draw.uniform(random, -0.2, 0.2), Draw.uniform(random, -1, 1), Draw.uniform(random, -1, 1),
                    Draw.uniform(random, -0.08, 0.08), Draw.uniform(random, -0.08, 0.08),
                    Draw.logUniform(random, 0.82, 1.18));
        }
    }

    /**
     * @param smile      mouth-corner lift, -1 (frown) .. 1 (broad smile)
     * @param mouthOpen  0 closed .. 1 wide open
     * @param eyeOpen    0 shut .. 1 fully open
     * @param browRaise  -1 lowered .. 1 raised
     */
    record Expression(double smile, double mouthOpen, double eyeOpen, double browRaise) {
        static Expression sample(SplittableRandom random) {
            double smile = Draw.uniform(random, -0.35, 1.0);
            double mouthOpen = Draw.chance(random, 0.3) ? Draw.uniform(random, 0.2, 1.0) : 0.0;
            double eyeOpen = Draw.chance(random, 0.08) ? Draw.uniform(random, 0.05, 0.4) : Draw.uniform(random, 0.7, 1.0);
            return new Expression(smile, mouthOpen, eyeOpen, Draw.uniform(random, -1, 1));
        }
    }

    enum BackgroundKind { FLAT, GRADIENT, STRIPES, BLOBS, PANELS }

    /**
     * @param background  how the background is painted
     * @param first       main background colour
     * @param second      secondary background colour
     * @param angle       direction of gradients and stripes, radians
     * @param period      stripe period in canvas units
     * @param detailSeed  seed for blob and panel placement
     * @param shirt       clothing colour
     * @param collar      whether the shirt has a contrasting collar
     */
    record Scene(BackgroundKind background, Rgb first, Rgb second, double angle, double period, long detailSeed,
                 Rgb shirt, boolean collar) {
        static Scene sample(SplittableRandom random) {
            BackgroundKind kind = BackgroundKind.values()[random.nextInt(BackgroundKind.values().length)];
            return new Scene(kind, Rgb.random(random, 0.12, 0.97, 0.85), Rgb.random(random, 0.12, 0.97, 0.85),
                    random.nextDouble() * 2 * Math.PI, Draw.uniform(random, 0.06, 0.25), random.nextLong(),
                    Rgb.random(random, 0.1, 0.95, 0.9), random.nextBoolean());
        }
    }

    /**
     * @param gain        overall exposure factor
     * @param lightAngle  direction the key light comes from, radians
     * @param lightSlope  how much brighter the lit side is than the other (0 = even light)
     * @param warmth      colour temperature: positive is warmer (redder), negative cooler (bluer)
     * @param gamma       tone-curve exponent
     * @param blur        0 sharp .. 1 strongly defocused
     * @param noise       standard deviation of the sensor noise, in [0, 1] pixel units
     * @param noiseSeed   seed of the noise field
     */
    record Photo(double gain, double lightAngle, double lightSlope, double warmth, double gamma, double blur,
                 double noise, long noiseSeed) {
        static Photo sample(SplittableRandom random) {
            return new Photo(Draw.logUniform(random, 0.75, 1.3), random.nextDouble() * 2 * Math.PI,
                    Draw.uniform(random, 0.0, 0.35), Draw.uniform(random, -0.08, 0.08), Draw.logUniform(random, 0.85, 1.18),
                    Draw.chance(random, 0.3) ? Draw.uniform(random, 0.3, 1.0) : 0.0,
                    Draw.uniform(random, 0.005, 0.04), random.nextLong());
        }
    }
}
