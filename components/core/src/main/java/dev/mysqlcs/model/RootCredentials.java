package dev.mysqlcs.model;

/**
 * The MySQL root account every member is created with. The password itself never enters the model: it stays a
 * Pulumi secret Output from config to the Kubernetes Secret. {@code passwordConfigured} records whether config has it.
 */
public record RootCredentials(String user, String host, boolean passwordConfigured) {}
