package io.runledger.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few endpoints that a signed-in person may call before belonging to any organisation (signing up one).
 * They take a {@link Person}, never a tenant; every other endpoint declares a {@link Requires} permission.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface SignedInPerson {
}
