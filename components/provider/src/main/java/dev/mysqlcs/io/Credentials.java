package dev.mysqlcs.io;

import java.util.Arrays;

/** A MySQL account. {@link #toString()} never shows the password. */
public record Credentials(String user, char[] password) {

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=****]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && c.user.equals(user) && Arrays.equals(c.password, password);
    }

    @Override
    public int hashCode() {
        return user.hashCode();
    }
}
