package io.runledger.api.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a native {@code POST} handler that creates something a client may retry after a lost answer. It answers 201
 * and honours an {@code Idempotency-Key} header ({@link IdempotencyFilter}); the OpenAPI document says both.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Creates {
}
