package io.facetrain.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version Maven stamped into the jar manifest (or "development" when run from classes). */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = FacetrainCommand.class.getPackage().getImplementationVersion();
        return new String[] {"facetrain " + (version == null ? "development" : version)};
    }
}
