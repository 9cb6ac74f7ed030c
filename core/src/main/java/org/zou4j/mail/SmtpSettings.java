package org.zou4j.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach an SMTP server (Zou's {@code MAIL_SERVER}, {@code MAIL_PORT}, {@code MAIL_USERNAME},
 * {@code MAIL_PASSWORD}, {@code MAIL_USE_TLS}, {@code MAIL_USE_SSL}, {@code MAIL_DEFAULT_SENDER}). Build with
 * {@link #builder()}. {@link #toString()} never shows the password.
 *
 * @param host server host name
 * @param port server port
 * @param username login, or null for no SMTP AUTH
 * @param password password for {@code username}, or null
 * @param security transport security
 * @param fromAddress default sender address
 * @param connectTimeout time allowed to open the connection
 * @param readTimeout time allowed for each server answer
 * @param writeTimeout time allowed for each write
 */
public record SmtpSettings(String host, int port, String username, String password, Security security,
        String fromAddress, Duration connectTimeout, Duration readTimeout, Duration writeTimeout) {

    /** Transport security of the SMTP connection. */
    public enum Security {
        /** No encryption (local relays only: credentials would travel in clear). */
        NONE,
        /** Upgrade with STARTTLS, refusing to go on if the server does not offer it ({@code MAIL_USE_TLS}). */
        STARTTLS,
        /** TLS from the first byte, usually port 465 ({@code MAIL_USE_SSL}). */
        SSL
    }

    /** Validates the settings. */
    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("SMTP host is blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("SMTP port must be 1 to 65535, got " + port);
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("An SMTP password needs a username");
        }
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(fromAddress, "fromAddress");
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        positive(writeTimeout, "writeTimeout");
    }

    /** A builder with Zou's defaults: {@code localhost:25}, no TLS, no AUTH, 10 s/30 s/30 s timeouts. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether SMTP AUTH is used. */
    public boolean authenticates() {
        return username != null;
    }

    /** Shows everything but the password. */
    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username + ", password="
                + (password == null ? "none" : "***") + ", security=" + security + ", fromAddress=" + fromAddress
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", writeTimeout="
                + writeTimeout + "]";
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and under 24 days, got " + d);
        }
    }

    /** Builds {@link SmtpSettings}. */
    public static final class Builder {
        private String host = "localhost";
        private int port = 25;
        private String username;
        private String password;
        private Security security = Security.NONE;
        private String fromAddress = "no-reply@your-studio.com";
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Server host (default {@code localhost}). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Server port (default 25). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** SMTP AUTH credentials (default: none). */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Transport security (default {@link Security#NONE}). */
        public Builder security(Security security) {
            this.security = security;
            return this;
        }

        /** Zou's flags: {@code MAIL_USE_SSL} wins over {@code MAIL_USE_TLS}. */
        public Builder security(boolean useTls, boolean useSsl) {
            this.security = useSsl ? Security.SSL : useTls ? Security.STARTTLS : Security.NONE;
            return this;
        }

        /** Default sender (default Zou's {@code no-reply@your-studio.com}). */
        public Builder fromAddress(String fromAddress) {
            this.fromAddress = fromAddress;
            return this;
        }

        /** Connection timeout (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** Timeout for each server answer (default 30 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** Timeout for each write (default 30 s). */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout;
            return this;
        }

        /** Validates and builds the settings. */
        public SmtpSettings build() {
            return new SmtpSettings(host, port, username, password, security, fromAddress, connectTimeout,
                    readTimeout, writeTimeout);
        }
    }
}
