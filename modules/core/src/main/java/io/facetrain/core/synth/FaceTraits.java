package io.facetrain.core.synth;

import java.util.SplittableRandom;

/**
 * The identity of one synthetic person: everything that stays the same across that person's images.
 *
 * <p>Lengths are in canvas units (the image is 1 × 1) before the per-image scale is applied. The traits
 * mix discrete choices (hair style, facial hair, glasses, nose shape) with continuous ones (skin tone,
 * head proportions, feature placement, colours) so that two random persons rarely share them all.
 *
 * @param skin        base skin colour
 * @param head        head outline and ears
 * @param hair        hair style and colour
 * @param eyes        eye placement, size and iris colour
 * @param brows       eyebrow shape and colour
 * @param nose        nose shape and size
 * @param mouth       mouth placement, size and lip colour
 * @param facialHair  beard or moustache, if any
 * @param accessories glasses and earrings
 * @param marks       moles, freckles, blush
 * @param detailSeed  seed for the per-person fine details (curl placement, freckle positions)
 */
record FaceTraits(Rgb skin, HeadShape head, Hair hair, Eyes eyes, Brows brows, Nose nose, Mouth mouth,
                  FacialHair facialHair, Accessories accessories, Marks marks, long detailSeed) {

    /** Anchor skin tones from very light to very dark; a person's tone lies anywhere between two. */
    private static final Rgb[] SKIN_TONES = {
        new Rgb(0.98, 0.87, 0.78), new Rgb(0.94, 0.78, 0.66), new Rgb(0.87, 0.67, 0.52),
        new Rgb(0.76, 0.55, 0.40), new Rgb(0.64, 0.44, 0.30), new Rgb(0.50, 0.33, 0.22),
        new Rgb(0.37, 0.24, 0.16), new Rgb(0.26, 0.17, 0.12),
    };

    static FaceTraits sample(SplittableRandom random) {
        Rgb skin = sampleSkin(random);
        HeadShape head = HeadShape.sample(random);
        Hair hair = Hair.sample(random);
        return new FaceTraits(skin, head, hair, Eyes.sample(random, head), Brows.sample(random, hair),
                Nose.sample(random, head), Mouth.sample(random, head, skin), FacialHair.sample(random),
                Accessories.sample(random), Marks.sample(random, head), random.nextLong());
    }

    private static Rgb sampleSkin(SplittableRandom random) {
        double tone = random.nextDouble() * (SKIN_TONES.length - 1);
        int low = (int) tone;
        Rgb base = SKIN_TONES[low].mix(SKIN_TONES[Math.min(low + 1, SKIN_TONES.length - 1)], tone - low);
        // Undertone: a little more red (rosy) or more yellow (olive) at the same lightness.
        double undertone = Draw.uniform(random, -0.04, 0.04);
        return new Rgb(base.r() + undertone, base.g(), base.b() - undertone).jitter(random, 0.015);
    }

    /**
     * @param halfWidth  half the face width
     * @param halfHeight half the face height (forehead to chin)
     * @param squareness superellipse exponent of the outline: 2 is an ellipse, larger is squarer
     * @param jawTaper   how much the lower face narrows towards the chin (0 = not at all)
     * @param earSize    relative ear size
     */
    record HeadShape(double halfWidth, double halfHeight, double squareness, double jawTaper, double earSize) {
        static HeadShape sample(SplittableRandom random) {
            double halfWidth = Draw.uniform(random, 0.205, 0.265);
            return new HeadShape(halfWidth, halfWidth * Draw.uniform(random, 1.16, 1.42),
                    Draw.uniform(random, 2.0, 3.4), Draw.uniform(random, 0.0, 0.5), Draw.uniform(random, 0.8, 1.3));
        }
    }

    enum HairStyle { BALD, BUZZ, SHORT, SIDE_PART, FRINGE, LONG, BOB, CURLY, BUN, MOHAWK, RECEDING }

    /**
     * @param style    the cut
     * @param colour   hair colour
     * @param hairline 0 = low forehead, 1 = high forehead
     * @param volume   how far the hair stands out from the head (1 = close)
     * @param partLeft which side a parting or swoop goes to
     */
    record Hair(HairStyle style, Rgb colour, double hairline, double volume, boolean partLeft) {

        private static final double[] STYLE_WEIGHTS = {5, 7, 15, 12, 10, 14, 10, 10, 7, 4, 6};
        private static final Rgb[] NATURAL = {
            new Rgb(0.07, 0.06, 0.06), new Rgb(0.20, 0.13, 0.08), new Rgb(0.38, 0.25, 0.14),
            new Rgb(0.52, 0.24, 0.11), new Rgb(0.80, 0.43, 0.18), new Rgb(0.86, 0.72, 0.44),
            new Rgb(0.94, 0.90, 0.78), new Rgb(0.58, 0.57, 0.56), new Rgb(0.88, 0.88, 0.87),
        };
        private static final double[] NATURAL_WEIGHTS = {22, 20, 16, 7, 6, 10, 4, 8, 4};

        static Hair sample(SplittableRandom random) {
            HairStyle style = Draw.weighted(random, HairStyle.values(), STYLE_WEIGHTS);
            Rgb colour = Draw.chance(random, 0.07)
                    ? Rgb.hsv(random.nextDouble(), Draw.uniform(random, 0.5, 0.9), Draw.uniform(random, 0.45, 0.9))
                    : Draw.weighted(random, NATURAL, NATURAL_WEIGHTS).jitter(random, 0.04);
            return new Hair(style, colour, random.nextDouble(), Draw.uniform(random, 1.0, 1.22), random.nextBoolean());
        }
    }

    enum IrisColour {
        DARK_BROWN(new Rgb(0.20, 0.11, 0.06)), BROWN(new Rgb(0.40, 0.24, 0.12)), HAZEL(new Rgb(0.50, 0.42, 0.20)),
        GREEN(new Rgb(0.30, 0.50, 0.28)), BLUE(new Rgb(0.30, 0.48, 0.75)), GREY(new Rgb(0.55, 0.60, 0.64));

        final Rgb rgb;

        IrisColour(Rgb rgb) {
            this.rgb = rgb;
        }
    }

    /**
     * @param spacing   horizontal distance of each eye centre from the face's midline
     * @param height    vertical position of the eye centres (negative = above the face centre)
     * @param width     half-width of an eye
     * @param openness  eye height relative to its width
     * @param tilt      outer corners up (positive) or down
     * @param iris      iris colour
     */
    record Eyes(double spacing, double height, double width, double openness, double tilt, Rgb iris) {
        private static final double[] IRIS_WEIGHTS = {30, 25, 12, 10, 15, 8};

        static Eyes sample(SplittableRandom random, HeadShape head) {
            double a = head.halfWidth();
            return new Eyes(a * Draw.uniform(random, 0.34, 0.48), -head.halfHeight() * Draw.uniform(random, 0.02, 0.17),
                    a * Draw.uniform(random, 0.15, 0.22), Draw.uniform(random, 0.42, 0.72),
                    Draw.uniform(random, -0.12, 0.18),
                    Draw.weighted(random, IrisColour.values(), IRIS_WEIGHTS).rgb.jitter(random, 0.04));
        }
    }

    /**
     * @param thickness stroke width
     * @param gap       distance above the eye centre
     * @param slant     inner end lower (positive) or higher than the outer end, in canvas units
     * @param arch      height of the arch's middle above the straight line
     * @param length    length relative to the eye width
     * @param colour    brow colour
     */
    record Brows(double thickness, double gap, double slant, double arch, double length, Rgb colour) {
        static Brows sample(SplittableRandom random, Hair hair) {
            Rgb colour = hair.style() == HairStyle.BALD
                    ? new Rgb(0.18, 0.13, 0.10).jitter(random, 0.05)
                    : hair.colour().scale(Draw.uniform(random, 0.55, 0.8));
            return new Brows(Draw.uniform(random, 0.010, 0.028), Draw.uniform(random, 0.045, 0.075),
                    Draw.uniform(random, -0.018, 0.022), Draw.uniform(random, 0.0, 0.022),
                    Draw.uniform(random, 1.0, 1.45), colour);
        }
    }

    enum NoseShape { LINE, WEDGE, BUTTON, BROAD }

    /**
     * @param shape  how the nose is drawn
     * @param length vertical position of the tip below the face centre
     * @param width  half-width of the nostrils
     */
    record Nose(NoseShape shape, double length, double width) {
        static Nose sample(SplittableRandom random, HeadShape head) {
            return new Nose(NoseShape.values()[random.nextInt(NoseShape.values().length)],
                    head.halfHeight() * Draw.uniform(random, 0.16, 0.34), Draw.uniform(random, 0.03, 0.065));
        }
    }

    /**
     * @param height    vertical position below the face centre
     * @param halfWidth half the mouth width
     * @param lips      lip thickness
     * @param colour    lip colour
     */
    record Mouth(double height, double halfWidth, double lips, Rgb colour) {
        static Mouth sample(SplittableRandom random, HeadShape head, Rgb skin) {
            Rgb lipColour = skin.mix(new Rgb(0.72, 0.22, 0.26), Draw.uniform(random, 0.2, 0.6))
                    .scale(Draw.uniform(random, 0.7, 0.95));
            return new Mouth(head.halfHeight() * Draw.uniform(random, 0.46, 0.62), Draw.uniform(random, 0.065, 0.115),
                    Draw.uniform(random, 0.008, 0.022), lipColour);
        }
    }

    enum FacialHairStyle { NONE, STUBBLE, MOUSTACHE, GOATEE, BEARD }

    /**
     * @param style   none, or which kind
     * @param density opacity of the hair drawn over the skin
     */
    record FacialHair(FacialHairStyle style, double density) {
        private static final double[] WEIGHTS = {62, 10, 9, 8, 11};

        static FacialHair sample(SplittableRandom random) {
            return new FacialHair(Draw.weighted(random, FacialHairStyle.values(), WEIGHTS),
                    Draw.uniform(random, 0.65, 1.0));
        }
    }

    enum GlassesStyle { NONE, ROUND, RECTANGULAR, SUNGLASSES }

    /**
     * @param glasses      the glasses the person owns
     * @param frame        frame colour
     * @param lensSize     lens size relative to the eye width
     * @param earrings     whether the person wears earrings
     * @param earringColour earring colour
     */
    record Accessories(GlassesStyle glasses, Rgb frame, double lensSize, boolean earrings, Rgb earringColour) {
        private static final double[] GLASSES_WEIGHTS = {62, 13, 16, 9};
        private static final Rgb[] FRAMES = {
            new Rgb(0.05, 0.05, 0.05), new Rgb(0.35, 0.20, 0.10), new Rgb(0.80, 0.65, 0.25),
            new Rgb(0.75, 0.76, 0.78), new Rgb(0.70, 0.10, 0.12), new Rgb(0.10, 0.20, 0.60),
        };
        private static final Rgb[] METALS = {new Rgb(0.85, 0.70, 0.25), new Rgb(0.80, 0.80, 0.82)};

        static Accessories sample(SplittableRandom random) {
            return new Accessories(Draw.weighted(random, GlassesStyle.values(), GLASSES_WEIGHTS),
                    FRAMES[random.nextInt(FRAMES.length)], Draw.uniform(random, 1.15, 1.5),
                    Draw.chance(random, 0.2), METALS[random.nextInt(METALS.length)]);
        }
    }

    /**
     * @param mole     whether there is a mole
     * @param moleX    its horizontal position
     * @param moleY    its vertical position
     * @param freckles whether the cheeks are freckled
     * @param blush    opacity of the cheek blush (0 = none)
     */
    record Marks(boolean mole, double moleX, double moleY, boolean freckles, double blush) {
        static Marks sample(SplittableRandom random, HeadShape head) {
            double side = random.nextBoolean() ? 1 : -1;
            return new Marks(Draw.chance(random, 0.3),
                    side * head.halfWidth() * Draw.uniform(random, 0.25, 0.65),
                    head.halfHeight() * Draw.uniform(random, 0.05, 0.55),
                    Draw.chance(random, 0.15), Draw.chance(random, 0.4) ? Draw.uniform(random, 0.1, 0.3) : 0.0);
        }
    }
}
