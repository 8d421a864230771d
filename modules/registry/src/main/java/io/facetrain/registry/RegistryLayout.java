package io.facetrain.registry;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;

/**
 * Where everything lives under the registry root.
 *
 * <pre>
 * &lt;root&gt;/&lt;model&gt;/
 *   v0001/                      one committed version: artifact files, manifest.avro,
 *     model.zip, metrics.json,  manifest.json, and _COMMITTED written last
 *     report/..., manifest.*, _COMMITTED
 *   .staging/&lt;stagingId&gt;/      uploads of publishes in progress (never read by readers)
 *   .claims/v0001.&lt;claimId&gt;.claim  version-number claims (kept: a number is never reused)
 *   aliases/&lt;alias&gt;.json         current target of each alias
 *   aliases/history/&lt;alias&gt;/&lt;movedAtMillis&gt;-&lt;moveId&gt;.json   one object per alias move
 * </pre>
 */
final class RegistryLayout {

    static final String STAGING_DIR = ".staging";
    static final String CLAIMS_DIR = ".claims";
    static final String ALIASES_DIR = "aliases";
    static final String HISTORY_DIR = "history";
    static final String COMMIT_MARKER = "_COMMITTED";
    static final String MANIFEST_AVRO = "manifest.avro";
    static final String MANIFEST_JSON = "manifest.json";
    static final String METRICS_JSON = "metrics.json";
    static final String WEIGHTS = "model.zip";
    static final String ALIAS_SUFFIX = ".json";

    private static final Pattern VERSION_DIR = Pattern.compile("v(\\d{4,9})");
    private static final Pattern CLAIM_FILE =
            Pattern.compile("v(\\d{4,9})\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.claim");

    private final Path root;

    RegistryLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path modelDir(String model) {
        return new Path(root, Names.requireModel(model));
    }

    Path versionDir(String model, int version) {
        return new Path(modelDir(model), versionName(version));
    }

    Path commitMarker(String model, int version) {
        return new Path(versionDir(model, version), COMMIT_MARKER);
    }

    Path stagingRoot(String model) {
        return new Path(modelDir(model), STAGING_DIR);
    }

    Path stagingDir(String model, String stagingId) {
        return new Path(stagingRoot(model), stagingId);
    }

    Path claimsDir(String model) {
        return new Path(modelDir(model), CLAIMS_DIR);
    }

    Path claimFile(String model, int version, String claimId) {
        return new Path(claimsDir(model), versionName(version) + "." + claimId + ".claim");
    }

    Path aliasesDir(String model) {
        return new Path(modelDir(model), ALIASES_DIR);
    }

    Path aliasFile(String model, String alias) {
        return new Path(aliasesDir(model), Names.requireAlias(alias) + ALIAS_SUFFIX);
    }

    Path aliasHistoryDir(String model, String alias) {
        return new Path(new Path(aliasesDir(model), HISTORY_DIR), Names.requireAlias(alias));
    }

    /** The directory name of a version: {@code v0001}; wider numbers simply grow. */
    static String versionName(int version) {
        return String.format("v%04d", version);
    }

    /** The version a directory name stands for, if it is one. */
    static OptionalInt parseVersionName(String name) {
        Matcher m = VERSION_DIR.matcher(name);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** A claim file's version and claim id, if the name is one. */
    static Optional<ClaimName> parseClaimName(String name) {
        Matcher m = CLAIM_FILE.matcher(name);
        return m.matches()
                ? Optional.of(new ClaimName(Integer.parseInt(m.group(1)), m.group(2)))
                : Optional.empty();
    }

    /** The parts of a claim file name. */
    record ClaimName(int version, String claimId) {
    }
}
