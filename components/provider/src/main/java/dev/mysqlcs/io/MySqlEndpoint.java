package dev.mysqlcs.io;

/** Where a JDBC connection goes once a route exists (a local port-forward, or a direct address in tests). */
public record MySqlEndpoint(String host, int port) {}
