package dev.mysqlcs.io;

/** What one mysqlsh run printed and how it ended. */
public record ShellResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }
}
