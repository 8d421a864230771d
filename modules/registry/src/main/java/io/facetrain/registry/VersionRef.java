package io.facetrain.registry;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reference to a version: either its number or an alias that names one. */
public final class VersionRef {

    private static final Pattern NUMBER = Pattern.compile("v?(\\d{1,9})");

    private final Integer version;
    private final String alias;

    private VersionRef(Integer version, String alias) {
        this.version = version;
        this.alias = alias;
    }

    /** A reference to version {@code version} (1 or more). */
    public static VersionRef of(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("invalid version " + version + ": versions start at 1");
        }
        return new VersionRef(version, null);
    }

    /** A reference to whatever version {@code alias} names when it is resolved. */
    public static VersionRef alias(String alias) {
        return new VersionRef(null, Names.requireAlias(alias));
    }

    /**
     * Parses {@code 3}, {@code v3} or {@code v0003} as a version number, anything else as an alias
     * name ({@code latest}, {@code champion}, ...).
     */
    public static VersionRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty version reference: give a version (v3) or an alias");
        }
        Matcher number = NUMBER.matcher(text.trim());
        if (number.matches()) {
            return of(Integer.parseInt(number.group(1)));
        }
        return alias(text.trim());
    }

    /** The version number, if this reference is one. */
    public OptionalInt version() {
        return version == null ? OptionalInt.empty() : OptionalInt.of(version);
    }

    /** The alias name, or null if this reference is a version number. */
    public String aliasName() {
        return alias;
    }

    public boolean isAlias() {
        return alias != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionRef other
                && Objects.equals(version, other.version) && Objects.equals(alias, other.alias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, alias);
    }

    @Override
    public String toString() {
        return alias != null ? alias : RegistryLayout.versionName(version);
    }
}
