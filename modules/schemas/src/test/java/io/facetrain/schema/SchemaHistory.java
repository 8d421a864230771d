package io.facetrain.schema;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema directory as the evolution rules see it: {@code <dir>/<Name>.avsc} is the current version
 * and {@code <dir>/history/<Name>.v<N>.avsc} are its committed earlier versions.
 */
final class SchemaHistory {

    private static final Pattern HISTORY_FILE = Pattern.compile("(.+)\\.v(\\d+)\\.avsc");

    /** One committed earlier version of a schema. */
    record Version(String name, int number, Path file) {
        @Override
        public String toString() {
            return name + ".v" + number;
        }
    }

    private final Map<String, Path> current;
    private final Map<String, List<Version>> history;

    private SchemaHistory(Map<String, Path> current, Map<String, List<Version>> history) {
        this.current = current;
        this.history = history;
    }

    static SchemaHistory scan(Path dir) {
        Map<String, Path> current = new TreeMap<>();
        for (Path file : list(dir)) {
            String fileName = file.getFileName().toString();
            if (Files.isRegularFile(file) && fileName.endsWith(".avsc")) {
                current.put(fileName.substring(0, fileName.length() - ".avsc".length()), file);
            }
        }
        Map<String, List<Version>> history = new TreeMap<>();
        Path historyDir = dir.resolve("history");
        if (Files.isDirectory(historyDir)) {
            for (Path file : list(historyDir)) {
                Matcher matcher = HISTORY_FILE.matcher(file.getFileName().toString());
                if (!matcher.matches()) {
                    throw new IllegalStateException("history file not named <Name>.v<N>.avsc: " + file);
                }
                history.computeIfAbsent(matcher.group(1), k -> new ArrayList<>())
                        .add(new Version(matcher.group(1), Integer.parseInt(matcher.group(2)), file));
            }
        }
        return new SchemaHistory(current, history);
    }

    Map<String, Path> current() {
        return current;
    }

    /** Every committed earlier version of every current schema. */
    List<Version> versions() {
        List<Version> all = new ArrayList<>();
        history.values().forEach(all::addAll);
        return all;
    }

    /** Current schemas that have no committed version at all: nothing protects their readers. */
    List<String> withoutHistory() {
        return current.keySet().stream().filter(name -> !history.containsKey(name)).toList();
    }

    /** History entries whose schema no longer exists (a removed schema breaks every old reader). */
    List<String> orphanedHistory() {
        return history.keySet().stream().filter(name -> !current.containsKey(name)).toList();
    }

    static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + file, e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
