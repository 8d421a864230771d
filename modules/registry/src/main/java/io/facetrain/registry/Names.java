package io.facetrain.registry;

import java.util.regex.Pattern;

/** Validation of the names that become path segments in the registry. */
final class Names {

    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern VERSION_LIKE = Pattern.compile("v\\d+");

    private Names() {
    }

    /** Returns {@code model} if it is a valid model name, else throws naming the problem. */
    static String requireModel(String model) {
        if (model == null || !MODEL.matcher(model).matches()) {
            throw new IllegalArgumentException("invalid model name '" + model
                    + "': use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return model;
    }

    /**
     * Returns {@code alias} if it is a valid alias name. Aliases start with a lower-case letter and
     * must not look like a version ({@code v3}), so that a reference is never ambiguous.
     */
    static String requireAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches() || VERSION_LIKE.matcher(alias).matches()) {
            throw new IllegalArgumentException("invalid alias '" + alias
                    + "': use 1-64 lower-case letters, digits, '_' or '-', starting with a letter,"
                    + " and not of the form v<number>");
        }
        return alias;
    }
}
