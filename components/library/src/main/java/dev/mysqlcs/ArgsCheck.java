package dev.mysqlcs;

import com.pulumi.exceptions.MissingRequiredPropertyException;

/**
 * The one place the components' Args check their required inputs, with the SDK's own exception (generated Java SDKs
 * throw it from {@code build()}: {@code Missing required property 'member' in 'InnoDbClusterArgs'}).
 */
final class ArgsCheck {

    private ArgsCheck() {}

    /** A missing value, or a blank string, is missing. */
    static void required(String argsType, String property, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new MissingRequiredPropertyException(argsType, property);
        }
    }
}
