package dev.concord.cli;

import picocli.CommandLine;

/** The version written into the jar's manifest at build time. */
final class ConcordVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ConcordCli.class.getPackage().getImplementationVersion();
        return new String[] {"concord " + (version == null ? "(development build)" : version)};
    }
}
