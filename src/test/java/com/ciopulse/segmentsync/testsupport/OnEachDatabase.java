package com.ciopulse.segmentsync.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of the annotated class once on each database the bundle supports ({@link StateDatabase.Kind}):
 * {@code [1] on H2}, then {@code [2] on POSTGRESQL} (Surefire's reports name them {@code Class[1]} and
 * {@code Class[2]}). The class takes the kind in a
 * field {@code @Parameter StateDatabase.Kind kind} and opens its database with it ({@link StateDatabase#create},
 * {@link SourceDatabase#create}): the PostgreSQL run skips with the reason when the server cannot be reached, and
 * fails instead when {@code CI_REQUIRE_POSTGRES=true} ({@link PostgresTestDatabase}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedClass(name = "on {0}")
@EnumSource(StateDatabase.Kind.class)
public @interface OnEachDatabase {
}
