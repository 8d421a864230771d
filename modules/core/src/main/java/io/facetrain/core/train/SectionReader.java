package io.facetrain.core.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.time.Duration;

/** Reads keys of one HOCON section; every error names the full key and the problem. */
final class SectionReader {

    private final Config config;
    private final String path;

    /**
     * @param root a resolved configuration
     * @param path the section, e.g. {@code facetrain.train.mining}
     */
    SectionReader(Config root, String path) {
        if (!root.hasPath(path)) {
            throw new IllegalArgumentException("configuration section " + path + " is missing");
        }
        this.config = root.getConfig(path);
        this.path = path;
    }

    SectionReader section(String name) {
        return new SectionReader(config, name, path + "." + name);
    }

    private SectionReader(Config parent, String name, String fullPath) {
        if (!parent.hasPath(name)) {
            throw new IllegalArgumentException("configuration section " + fullPath + " is missing");
        }
        this.config = parent.getConfig(name);
        this.path = fullPath;
    }

    String key(String name) {
        return path + "." + name;
    }

    int getInt(String name) {
        try {
            return config.getInt(name);
        } catch (ConfigException e) {
            throw bad(name, e);
        }
    }

    long getLong(String name) {
        try {
            return config.getLong(name);
        } catch (ConfigException e) {
            throw bad(name, e);
        }
    }

    double getDouble(String name) {
        try {
            return config.getDouble(name);
        } catch (ConfigException e) {
            throw bad(name, e);
        }
    }

    boolean getBoolean(String name) {
        try {
            return config.getBoolean(name);
        } catch (ConfigException e) {
            throw bad(name, e);
        }
    }

    String getString(String name) {
        try {
            return config.getString(name);
        } catch (ConfigException e) {
            throw bad(name, e);
        }
    }

    Duration getDuration(String name) {
        try {
            return config.getDuration(name);
        } catch (ConfigException e) {
            throw bad(name, e);
        }
    }

    long getBytes(String name) {
        try {
            return config.getBytes(name);
        } catch (ConfigException e) {
            throw bad(name, e);
        }
    }

    private IllegalArgumentException bad(String name, ConfigException e) {
        return new IllegalArgumentException("bad value for " + key(name) + ": " + e.getMessage(), e);
    }
}
