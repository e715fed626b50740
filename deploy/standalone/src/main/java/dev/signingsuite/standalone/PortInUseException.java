package dev.signingsuite.standalone;

/** A port the standalone process must listen on is taken; the message says which setting to change. */
public final class PortInUseException extends RuntimeException {

    private final int port;
    private final String settingName;

    PortInUseException(String host, int port, String settingName, Throwable cause) {
        super(
                "Port " + port + " on " + host + " is already in use. "
                        + "Stop the process using it or choose another port with --" + settingName + "=<port>, "
                        + "or 0 for any free port.",
                cause);
        this.port = port;
        this.settingName = settingName;
    }

    public int port() {
        return port;
    }

    public String settingName() {
        return settingName;
    }
}
